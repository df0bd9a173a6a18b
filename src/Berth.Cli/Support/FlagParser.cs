namespace Berth.Cli.Support;

// Parses flags the way docker's (pflag) does: --name value, --name=value, -n value, -nvalue, repeated flags,
// and "--" ending the flags. Flags and arguments may be interleaved.
public sealed class FlagParser
{
    private sealed record Spec(string Long, string? Short, bool TakesValue);

    private readonly List<Spec> _specs = [];
    private readonly string _command;

    public FlagParser(string command) => _command = command;

    public FlagParser Value(string longName, string? shortName = null)
    {
        _specs.Add(new Spec(longName, shortName, true));
        return this;
    }

    public FlagParser Bool(string longName, string? shortName = null)
    {
        _specs.Add(new Spec(longName, shortName, false));
        return this;
    }

    public ParsedFlags Parse(IReadOnlyList<string> args, bool stopAtFirstArgument = false)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var rest = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                rest.AddRange(args.Skip(i + 1));
                break;
            }
            if (arg.Length < 2 || arg[0] != '-')
            {
                if (stopAtFirstArgument)
                {
                    rest.AddRange(args.Skip(i));
                    break;
                }
                rest.Add(arg);
                continue;
            }
            string name;
            string? inline = null;
            Spec? spec;
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                var eq = arg.IndexOf('=');
                name = eq < 0 ? arg[2..] : arg[2..eq];
                if (eq >= 0) inline = arg[(eq + 1)..];
                spec = _specs.Find(s => s.Long == name);
            }
            else
            {
                name = arg[1..2];
                if (arg.Length > 2) inline = arg[2] == '=' ? arg[3..] : arg[2..];
                spec = _specs.Find(s => s.Short == name);
                // "-it": boolean shorthands combined in one word, as pflag allows.
                while (spec is { TakesValue: false } && inline is not null && arg[2] != '=')
                {
                    Add(values, spec.Long, "true");
                    arg = "-" + arg[2..];
                    name = arg[1..2];
                    inline = arg.Length > 2 ? (arg[2] == '=' ? arg[3..] : arg[2..]) : null;
                    spec = _specs.Find(s => s.Short == name);
                }
            }
            if (spec is null && name is "help" or "h") throw new HelpRequestedException(Options());
            if (spec is null)
                throw new UsageException($"unknown {(arg.StartsWith("--", StringComparison.Ordinal) ? "flag: --" : "shorthand flag: '")}{name}{(arg.StartsWith("--", StringComparison.Ordinal) ? "" : "' in " + arg)}; see '{_command} --help'");
            string value;
            if (!spec.TakesValue)
            {
                value = inline ?? "true";
                if (value is not ("true" or "false"))
                    throw new UsageException($"invalid argument \"{value}\" for \"--{spec.Long}\" flag: expected true or false");
            }
            else if (inline is not null)
                value = inline;
            else if (i + 1 < args.Count)
                value = args[++i];
            else
                throw new UsageException($"flag needs an argument: --{spec.Long}; see '{_command} --help'");
            Add(values, spec.Long, value);
        }
        return new ParsedFlags(values, rest);
    }

    // The command's flags as pflag lists them (sorted by long name, --help last); a value flag shows its argument
    // as "string".
    public string Options()
    {
        var w = new StringWriter { NewLine = "\n" };
        w.WriteLine("Options:");
        foreach (var spec in _specs.OrderBy(s => s.Long, StringComparer.Ordinal))
        {
            var names = spec.Short is null ? $"    --{spec.Long}" : $"-{spec.Short}, --{spec.Long}";
            w.WriteLine($"  {names}{(spec.TakesValue ? " string" : "")}");
        }
        w.WriteLine(_specs.Exists(s => s.Short == "h") ? "      --help" : "  -h, --help");
        return w.ToString();
    }

    private static void Add(Dictionary<string, List<string>> values, string name, string value)
    {
        if (!values.TryGetValue(name, out var list))
            values[name] = list = [];
        list.Add(value);
    }
}

public sealed class ParsedFlags(Dictionary<string, List<string>> values, List<string> rest)
{
    public IReadOnlyList<string> Arguments => rest;

    public string? Last(string name) => values.TryGetValue(name, out var v) ? v[^1] : null;

    public IReadOnlyList<string> All(string name) => values.TryGetValue(name, out var v) ? v : [];

    public bool IsSet(string name) => values.ContainsKey(name);

    public bool Flag(string name) => Last(name) == "true";
}
