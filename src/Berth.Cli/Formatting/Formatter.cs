using System.Text;

namespace Berth.Cli.Formatting;

/// <summary>Docker's --format handling (cli/command/formatter.Context) for Berth commands.</summary>
public static class Formatter
{
    public const string TableKey = "table";
    public const string JsonKey = "json";
    public const string JsonTemplate = "{{json .}}";

    /// <summary>Docker treats any format starting with "table" as a table.</summary>
    public static bool IsTable(string format) => format.StartsWith(TableKey, StringComparison.Ordinal);

    public static bool IsJson(string format) => format == JsonKey;

    /// <summary>Renders list output the way docker ps/images/... do.</summary>
    /// <param name="format">The --format value; null/empty or "table" selects <paramref name="defaultTableFormat"/>,
    /// "json" prints one JSON object per line, "table ..." prints a header and aligned columns,
    /// anything else is a template printed once per row with no header.</param>
    /// <param name="headers">Column titles by field name (e.g. "ID" → "CONTAINER ID"), used to
    /// execute the template once more for the header row.</param>
    /// <exception cref="TemplateException">Message starts with "template parsing error: " as docker's does,
    /// for both parse and execution errors.</exception>
    public static string Render(string? format, IEnumerable<TemplateObject> rows,
        IReadOnlyDictionary<string, string> headers, string defaultTableFormat)
    {
        if (string.IsNullOrEmpty(format) || format == TableKey) format = defaultTableFormat;
        var template = Parse(Prepare(format));
        var body = new StringBuilder();
        foreach (var row in rows)
        {
            Execute(template, TemplateValue.Object(row), body);
            body.Append('\n');
        }
        if (!IsTable(format)) return body.ToString();

        var header = new StringBuilder();
        try
        {
            template.ExecuteHeader(TemplateValue.Object(TemplateObject.FromStringMap(headers)), header);
        }
        catch (TemplateException)
        {
            // Docker ignores header execution errors and prints what was produced.
        }
        var tw = TabWriter.ForDockerTable();
        tw.Write(header.ToString());
        tw.Write("\n");
        tw.Write(body.ToString());
        return tw.Flush();
    }

    /// <summary>Renders one object (inspect, version, info): "json" means {{json .}}; the
    /// template is used verbatim (inspect does no \t replacement); a newline follows.</summary>
    public static string Render(string format, TemplateObject single) => Render(format, TemplateValue.Object(single));

    /// <inheritdoc cref="Render(string, TemplateObject)"/>
    public static string Render(string format, TemplateValue single)
    {
        var template = Parse(IsJson(format) ? JsonTemplate : format);
        var sb = new StringBuilder();
        Execute(template, single, sb);
        return sb.Append('\n').ToString();
    }

    /// <summary>docker's preFormat: drop "table", map "json", trim spaces, and turn the two-character
    /// sequences \t and \n typed on a shell command line into real tab and newline.</summary>
    public static string Prepare(string format)
    {
        if (IsTable(format)) format = format[TableKey.Length..];
        else if (IsJson(format)) format = JsonTemplate;
        return format.Trim(' ').Replace("\\t", "\t").Replace("\\n", "\n");
    }

    private static GoTemplate Parse(string source)
    {
        try { return GoTemplate.Parse(source); }
        catch (TemplateException e) { throw new TemplateException("template parsing error: " + e.Message); }
    }

    private static void Execute(GoTemplate template, TemplateValue data, StringBuilder output)
    {
        try { template.Execute(data, output); }
        catch (TemplateException e) { throw new TemplateException("template parsing error: " + e.Message); }
    }
}
