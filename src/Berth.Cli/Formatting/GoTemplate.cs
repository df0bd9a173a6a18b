using System.Text;

namespace Berth.Cli.Formatting;

/// <summary>A parsed Go text/template (the subset docker users write), with docker's functions.</summary>
public sealed class GoTemplate
{
    private readonly string _source;
    private readonly ListNode _root;

    private GoTemplate(string source, ListNode root)
    {
        _source = source;
        _root = root;
    }

    /// <summary>Parses <paramref name="source"/>; throws <see cref="TemplateException"/> with Go's
    /// message (e.g. "template: :1: function \"foo\" not defined").</summary>
    public static GoTemplate Parse(string source)
        => new(source, Parser.Parse(source, TemplateFunctions.Standard.ContainsKey));

    public string Execute(TemplateValue data)
    {
        var sb = new StringBuilder();
        Execute(data, sb);
        return sb.ToString();
    }

    /// <summary>Appends output; on error, what was produced before it remains appended.</summary>
    public void Execute(TemplateValue data, StringBuilder output)
        => Executor.Execute(_source, _root, data, TemplateFunctions.Standard, output);

    /// <summary>Executes with docker's header functions (json, upper, join... pass their first
    /// argument through) so a table header shows column titles untouched.</summary>
    internal void ExecuteHeader(TemplateValue headers, StringBuilder output)
        => Executor.Execute(_source, _root, headers, TemplateFunctions.Header, output);
}
