using System.Text;
using System.Text.Json;
using Berth.Oci.Image;

namespace Berth.Images.Import;

// The Dockerfile instructions `docker import -c` / `commit -c` accept, applied
// to a container config: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER, VOLUME, WORKDIR.
public static class ImageChanges
{
    public static void Apply(ContainerConfig config, IEnumerable<string> changes)
    {
        foreach (var change in changes)
        {
            var line = change.Trim();
            if (line.Length == 0)
                continue;
            var space = line.IndexOfAny([' ', '\t']);
            var instruction = (space < 0 ? line : line[..space]).ToUpperInvariant();
            var rest = space < 0 ? "" : line[(space + 1)..].Trim();
            switch (instruction)
            {
                case "CMD":
                    config.Cmd = CommandForm(rest);
                    break;
                case "ENTRYPOINT":
                    config.Entrypoint = CommandForm(rest);
                    break;
                case "ENV":
                    foreach (var (key, value) in KeyValues(instruction, rest))
                    {
                        config.Env ??= [];
                        config.Env.RemoveAll(e => e.StartsWith(key + "=", StringComparison.Ordinal));
                        config.Env.Add($"{key}={value}");
                    }
                    break;
                case "LABEL":
                    foreach (var (key, value) in KeyValues(instruction, rest))
                        (config.Labels ??= [])[key] = value;
                    break;
                case "EXPOSE":
                    foreach (var port in Words(rest))
                        (config.ExposedPorts ??= [])[Port(port)] = new EmptyObject();
                    break;
                case "USER":
                    config.User = Required(instruction, rest);
                    break;
                case "WORKDIR":
                    config.WorkingDir = Required(instruction, rest);
                    break;
                case "VOLUME":
                    foreach (var volume in rest.StartsWith('[') ? JsonArray(rest) ?? Words(rest) : Words(rest))
                        (config.Volumes ??= [])[volume] = new EmptyObject();
                    break;
                default:
                    throw new InvalidImageInputException($"{instruction} is not a valid change command");
            }
        }
    }

    // ["a","b"] is exec form; anything else runs through /bin/sh -c.
    private static List<string> CommandForm(string rest) =>
        rest.StartsWith('[') && JsonArray(rest) is { } exec ? exec : ["/bin/sh", "-c", rest];

    private static List<string>? JsonArray(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
                return null;
            var items = new List<string>();
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                    return null;
                items.Add(item.GetString()!);
            }
            return items;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Port(string text)
    {
        var slash = text.IndexOf('/');
        var number = slash < 0 ? text : text[..slash];
        var protocol = slash < 0 ? "tcp" : text[(slash + 1)..].ToLowerInvariant();
        if (!ushort.TryParse(number, out _) && !(number.Contains('-') && number.Split('-').All(p => ushort.TryParse(p, out _))))
            throw new InvalidImageInputException($"invalid containerPort: {number}");
        if (protocol is not ("tcp" or "udp" or "sctp"))
            throw new InvalidImageInputException($"invalid proto: {protocol}");
        return $"{number}/{protocol}";
    }

    private static string Required(string instruction, string value) =>
        value.Length > 0 ? value : throw new InvalidImageInputException($"{instruction} requires exactly one argument");

    // "k=v k2="v 2"" pairs, or the legacy one-pair form "k v w".
    private static IEnumerable<(string Key, string Value)> KeyValues(string instruction, string rest)
    {
        var words = Words(rest);
        if (words.Count == 0)
            throw new InvalidImageInputException($"{instruction} requires at least one argument");
        if (!words[0].Contains('='))
        {
            var space = rest.IndexOfAny([' ', '\t']);
            if (space < 0)
                throw new InvalidImageInputException($"{instruction} names can not be blank");
            return [(Unquote(rest[..space]), Unquote(rest[(space + 1)..].Trim()))];
        }
        return words.Select(w =>
        {
            var eq = w.IndexOf('=');
            if (eq <= 0)
                throw new InvalidImageInputException($"{instruction} names can not be blank");
            return (w[..eq], w[(eq + 1)..]);
        }).ToList();
    }

    // Splits on unquoted whitespace, removing the quotes and backslash escapes.
    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var inWord = false;
        char quote = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == quote)
                    quote = '\0';
                else if (c == '\\' && quote == '"' && i + 1 < text.Length)
                    current.Append(text[++i]);
                else
                    current.Append(c);
                continue;
            }
            if (char.IsWhiteSpace(c))
            {
                if (inWord)
                    words.Add(current.ToString());
                current.Clear();
                inWord = false;
                continue;
            }
            inWord = true;
            if (c is '"' or '\'')
                quote = c;
            else if (c == '\\' && i + 1 < text.Length)
                current.Append(text[++i]);
            else
                current.Append(c);
        }
        if (quote != '\0')
            throw new InvalidImageInputException($"unmatched quote in \"{text}\"");
        if (inWord)
            words.Add(current.ToString());
        return words;
    }

    private static string Unquote(string text)
    {
        var words = Words(text);
        return words.Count == 1 ? words[0] : text;
    }
}
