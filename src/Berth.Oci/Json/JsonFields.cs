using System.Text.Json;

namespace Berth.Oci.Json;

// Typed access to a JSON object's fields with errors that name the field's path ("process.user.uid must
// be a number"). Used where the source-generated serializer's first-call cost (~2 ms of metadata set-up)
// would sit on a container's start path.
public readonly struct JsonFields(JsonElement element, string path)
{
    public JsonElement Element => element;

    public static JsonFields Root(JsonElement e, string what) =>
        e.ValueKind == JsonValueKind.Object ? new JsonFields(e, "") : throw new FormatException($"{what} must be a JSON object");

    private string Name(string field) => path.Length == 0 ? field : $"{path}.{field}";

    private bool TryGet(string field, out JsonElement value) =>
        element.TryGetProperty(field, out value) && value.ValueKind != JsonValueKind.Null;

    public JsonFields? Object(string field)
    {
        if (!TryGet(field, out var v)) return null;
        return v.ValueKind == JsonValueKind.Object ? new JsonFields(v, Name(field)) : throw Bad(field, "an object");
    }

    public string? String(string field)
    {
        if (!TryGet(field, out var v)) return null;
        return v.ValueKind == JsonValueKind.String ? v.GetString() : throw Bad(field, "a string");
    }

    public bool Bool(string field)
    {
        if (!TryGet(field, out var v)) return false;
        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Bad(field, "true or false"),
        };
    }

    public bool? OptionalBool(string field) => TryGet(field, out _) ? Bool(field) : null;

    public long? Int64(string field)
    {
        if (!TryGet(field, out var v)) return null;
        return v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : throw Bad(field, "an integer");
    }

    public ulong? UInt64(string field)
    {
        if (!TryGet(field, out var v)) return null;
        return v.ValueKind == JsonValueKind.Number && v.TryGetUInt64(out var n) ? n : throw Bad(field, "a non-negative integer");
    }

    public uint? UInt32(string field)
    {
        if (!TryGet(field, out var v)) return null;
        return v.ValueKind == JsonValueKind.Number && v.TryGetUInt32(out var n) ? n : throw Bad(field, "a 32-bit non-negative integer");
    }

    public int? Int32(string field)
    {
        if (!TryGet(field, out var v)) return null;
        return v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : throw Bad(field, "a 32-bit integer");
    }

    public List<T>? List<T>(string field, Func<JsonFields, T> map)
    {
        if (!TryGet(field, out var v)) return null;
        if (v.ValueKind != JsonValueKind.Array) throw Bad(field, "an array");
        var list = new List<T>(v.GetArrayLength());
        var i = 0;
        foreach (var item in v.EnumerateArray())
        {
            var itemPath = $"{Name(field)}[{i++}]";
            if (item.ValueKind != JsonValueKind.Object) throw new FormatException($"{itemPath} must be an object");
            list.Add(map(new JsonFields(item, itemPath)));
        }
        return list;
    }

    public List<string>? Strings(string field) => Scalars(field, JsonValueKind.String, "strings", e => e.GetString()!);

    public List<uint>? UInt32s(string field)
    {
        var name = Name(field);
        return Scalars(field, JsonValueKind.Number, "non-negative integers",
            e => e.TryGetUInt32(out var n) ? n : throw new FormatException($"{name} must hold non-negative integers"));
    }

    public Dictionary<string, string>? StringMap(string field)
    {
        if (!TryGet(field, out var v)) return null;
        if (v.ValueKind != JsonValueKind.Object) throw Bad(field, "an object of strings");
        var map = new Dictionary<string, string>();
        foreach (var p in v.EnumerateObject())
        {
            map[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : throw new FormatException($"{Name(field)}.{p.Name} must be a string");
        }
        return map;
    }

    private List<T>? Scalars<T>(string field, JsonValueKind kind, string what, Func<JsonElement, T> get)
    {
        if (!TryGet(field, out var v)) return null;
        if (v.ValueKind != JsonValueKind.Array) throw Bad(field, $"an array of {what}");
        var list = new List<T>(v.GetArrayLength());
        foreach (var item in v.EnumerateArray())
        {
            list.Add(item.ValueKind == kind ? get(item) : throw Bad(field, $"an array of {what}"));
        }
        return list;
    }

    private FormatException Bad(string field, string expected) => new($"{Name(field)} must be {expected}");
}
