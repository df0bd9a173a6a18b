using System.Text.Json;
using Berth.Oci.Runtime;

namespace Berth.Runtime.Spec;

// Reads a bundle's config.json and rejects what the runtime cannot honour before anything is made on the host.
public static class SpecLoader
{
    // The spec and the exact bytes it came from, which are handed on to init and kept in the state directory.
    public static (RuntimeSpec Spec, byte[] Json) Load(string bundle)
    {
        var path = Path.Combine(bundle, "config.json");
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new RuntimeException($"no config.json in bundle {bundle}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RuntimeException($"cannot read {path}: {e.Message}");
        }
        var spec = Parse(bytes, "config.json");
        SpecValidator.Validate(spec, bundle);
        return (spec, bytes);
    }

    public static RuntimeSpec Parse(byte[] json, string origin) => Guard(() => RuntimeSpecReader.Read(json), origin);

    public static ProcessSpec ParseProcess(byte[] json, string origin) => Guard(() => RuntimeSpecReader.ReadProcess(json), origin);

    private static T Guard<T>(Func<T> read, string origin)
    {
        try
        {
            return read();
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}" : "";
            throw new RuntimeException($"invalid {Path.GetFileName(origin)}{where}: {FirstSentence(e.Message)}");
        }
        catch (FormatException e)
        {
            throw new RuntimeException($"invalid {Path.GetFileName(origin)}: {e.Message}");
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". LineNumber", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).ReplaceLineEndings(" ");
    }
}
