namespace Berth.Runtime.Cli;

// Reads runc-style arguments: flags with "--name value", "--name=value" or "-n value", then positionals.
// Parsing stops at the first positional when the command takes a trailing command line (exec).
internal sealed class ArgReader
{
    private readonly Dictionary<string, List<string>> _values = new();
    private readonly HashSet<string> _switches = new();
    public List<string> Positionals { get; } = [];

    public ArgReader(IReadOnlyList<string> args, IReadOnlyDictionary<string, string> aliases, ISet<string> valueFlags, ISet<string> switchFlags, bool stopAtPositional)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (a == "--")
            {
                Positionals.AddRange(args.Skip(i + 1));
                break;
            }
            if (a.Length > 1 && a[0] == '-' && (Positionals.Count == 0 || !stopAtPositional))
            {
                var name = a.TrimStart('-');
                string? inline = null;
                var eq = name.IndexOf('=');
                if (eq >= 0)
                {
                    inline = name[(eq + 1)..];
                    name = name[..eq];
                }
                if (aliases.TryGetValue(name, out var full)) name = full;
                if (switchFlags.Contains(name))
                {
                    if (inline is null or "true") _switches.Add(name);
                    continue;
                }
                if (!valueFlags.Contains(name)) throw new RuntimeException($"flag provided but not defined: {a}");
                var value = inline ?? (i + 1 < args.Count ? args[++i] : throw new RuntimeException($"flag needs an argument: {a}"));
                if (!_values.TryGetValue(name, out var list)) _values[name] = list = [];
                list.Add(value);
                continue;
            }
            Positionals.Add(a);
            if (stopAtPositional && Positionals.Count == 1)
            {
                // Everything after the container id is the command to run, flags included.
                Positionals.AddRange(args.Skip(i + 1));
                break;
            }
        }
    }

    public string? Value(string name) => _values.TryGetValue(name, out var l) ? l[^1] : null;
    public IReadOnlyList<string> Values(string name) => _values.TryGetValue(name, out var l) ? l : [];
    public bool Has(string name) => _switches.Contains(name);

    public string Id(string command)
    {
        if (Positionals.Count == 0) throw new RuntimeException($"\"{command}\" requires a container id");
        return Positionals[0];
    }
}
