using System.Text.Json;

namespace Berth.Cli.Formatting;

/// <summary>A record of named values. As a struct (<see cref="IsMap"/> false) unknown fields are
/// an execution error and JSON keeps declaration order, like a Go struct; as a map unknown keys
/// yield "&lt;no value&gt;" and iteration/JSON use sorted keys, like a Go map.</summary>
public sealed class TemplateObject
{
    private readonly Dictionary<string, TemplateValue> _values = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    /// <param name="typeName">Shown in "can't evaluate field X in type T" errors.</param>
    /// <param name="isMap">Map semantics (sorted keys, missing key is not an error).</param>
    public TemplateObject(string typeName = "map[string]interface {}", bool isMap = false)
    {
        TypeName = typeName;
        IsMap = isMap;
    }

    public string TypeName { get; }
    public bool IsMap { get; }

    /// <summary>What <c>index</c> returns for a missing key: Go returns the element type's zero
    /// value, which is "" for map[string]string but nil for map[string]interface{}.</summary>
    public TemplateValue MissingIndexValue { get; init; } = TemplateValue.NoValue;

    /// <summary>Emit JSON keys sorted even for a struct: docker's list contexts marshal through a
    /// map, so <c>docker ps --format json</c> prints keys alphabetically.</summary>
    public bool SortJsonKeys { get; init; }

    public int Count => _values.Count;

    public TemplateObject Set(string name, TemplateValue value)
    {
        if (!_values.ContainsKey(name)) _order.Add(name);
        _values[name] = value;
        return this;
    }

    public TemplateObject Set(string name, object? value) => Set(name, TemplateValue.From(value));

    /// <summary>Adds a method such as docker's <c>.Label "key"</c>.</summary>
    public TemplateObject SetMethod(string name, Func<IReadOnlyList<TemplateValue>, TemplateValue> method)
        => Set(name, TemplateValue.Method(method));

    public bool TryGet(string name, out TemplateValue value) => _values.TryGetValue(name, out value!);

    /// <summary>Keys in the order Go would visit them: sorted for maps, declared for structs.</summary>
    public IEnumerable<string> Keys => IsMap ? _order.Order(StringComparer.Ordinal) : _order;

    public static TemplateObject Struct(string typeName, IEnumerable<KeyValuePair<string, object?>> fields)
    {
        var o = new TemplateObject(typeName);
        foreach (var (k, v) in fields) o.Set(k, v);
        return o;
    }

    public static TemplateObject Map(IEnumerable<KeyValuePair<string, object?>> entries)
    {
        var o = new TemplateObject("map[string]interface {}", isMap: true);
        foreach (var (k, v) in entries) o.Set(k, v);
        return o;
    }

    public static TemplateObject FromStringMap(IEnumerable<KeyValuePair<string, string>> entries)
    {
        var o = new TemplateObject("map[string]string", isMap: true) { MissingIndexValue = TemplateValue.EmptyString };
        foreach (var (k, v) in entries) o.Set(k, TemplateValue.String(v));
        return o;
    }

    public static TemplateObject FromJson(JsonElement e)
    {
        var o = new TemplateObject("map[string]interface {}", isMap: true);
        foreach (var p in e.EnumerateObject()) o.Set(p.Name, TemplateValue.FromJson(p.Value));
        return o;
    }
}
