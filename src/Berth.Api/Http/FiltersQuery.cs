using System.Text.Json;

namespace Berth.Api.Http;

// Parses Docker's `filters` query parameter: {"type":{"container":true}} (current form) or
// {"type":["container"]} (the form of API versions before 1.22, still sent by some clients).
public static class FiltersQuery
{
    public static Dictionary<string, IReadOnlyList<string>> Parse(string? json)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json)) return result;
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw Invalid();
            foreach (var term in doc.RootElement.EnumerateObject())
            {
                var values = new List<string>();
                switch (term.Value.ValueKind)
                {
                    case JsonValueKind.Object:
                        foreach (var v in term.Value.EnumerateObject())
                        {
                            if (v.Value.ValueKind == JsonValueKind.True) values.Add(v.Name);
                        }
                        break;
                    case JsonValueKind.Array:
                        foreach (var v in term.Value.EnumerateArray())
                            values.Add(v.ValueKind == JsonValueKind.String ? v.GetString()! : throw Invalid());
                        break;
                    default:
                        throw Invalid();
                }
                result[term.Name] = values;
            }
        }
        catch (JsonException)
        {
            throw Invalid();
        }
        return result;
    }

    private static ApiException Invalid() => ApiException.BadRequest("invalid filter: filters must be a JSON object of key: {value: true} maps");
}
