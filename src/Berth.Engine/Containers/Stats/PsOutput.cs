using System.Globalization;
using System.Text.RegularExpressions;
using Berth.Api.Models.Containers;

namespace Berth.Engine.Containers.Stats;

// What `top` does with the host's ps, as dockerd: refuse arguments that would redefine the PID column, then keep
// the rows whose PID belongs to the container (and the thread rows that follow them, for ps -m).
public static partial class PsOutput
{
    public const string DefaultArgs = "-ef";

    // "-o pid=PID" style arguments rename columns; only a plain "pid" may be renamed to something starting with PID.
    public static string? ValidateArgs(string psArgs)
    {
        foreach (Match m in RenameRegex().Matches(psArgs))
            if (m.Groups[1].Value != "pid") return $"specifying \"{m.Groups[1].Value}={m.Groups[2].Value}\" is not allowed";
        return null;
    }

    [GeneratedRegex(@"\s+(\S*)=\s*(PID\S*)")]
    private static partial Regex RenameRegex();

    // ps's selection of only these processes ("-q 1,2,3"); some option sets refuse it, then the caller runs ps
    // without it and Parse filters.
    public static string PidsArgument(IEnumerable<int> pids) => string.Join(',', pids.Select(p => p.ToString(CultureInfo.InvariantCulture)));

    public static ContainerTopResponse Parse(string output, IReadOnlyCollection<int> pids)
    {
        var lines = output.Split('\n');
        var titles = Fields(lines[0]);
        var pidIndex = titles.IndexOf("PID");
        if (pidIndex < 0) throw new FormatException("Couldn't find PID field in ps output");
        var processes = new List<List<string>>();
        var previousKept = false;
        foreach (var line in lines.Skip(1))
        {
            if (line.Length == 0) continue;
            var fields = Fields(line);
            if (fields.Count <= pidIndex) continue;
            // A "-" PID is a thread line of the process above it.
            if (fields[pidIndex] == "-")
            {
                if (previousKept) processes.Add(Fit(fields, titles.Count));
                continue;
            }
            if (!int.TryParse(fields[pidIndex], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                throw new FormatException($"Unexpected pid '{fields[pidIndex]}'");
            previousKept = pids.Contains(pid);
            if (previousKept) processes.Add(Fit(fields, titles.Count));
        }
        return new ContainerTopResponse { Titles = titles, Processes = processes };
    }

    // The last column (CMD) may hold spaces: everything past the titles joins into it.
    private static List<string> Fit(List<string> fields, int columns)
    {
        if (fields.Count <= columns) return fields;
        var row = fields.Take(columns - 1).ToList();
        row.Add(string.Join(' ', fields.Skip(columns - 1)));
        return row;
    }

    // Split on ASCII whitespace only, as dockerd, so non-ASCII spaces inside a command stay in it.
    private static List<string> Fields(string line) =>
        line.Split([' ', '\t', '\n', '\v', '\f', '\r'], StringSplitOptions.RemoveEmptyEntries).ToList();
}
