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
            var where = e.LineNumber is { } line ? $" at line {line + 1}, column {e.BytePositionInLine + 1}" : "";
            throw new RuntimeException($"{Path.GetFileName(origin)} is not valid JSON{where}");
        }
        catch (FormatException e)
        {
            throw new RuntimeException($"invalid {Path.GetFileName(origin)}: {e.Message}");
        }
    }
}
