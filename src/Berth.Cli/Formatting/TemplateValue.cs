using System.Globalization;
using System.Text.Json;

namespace Berth.Cli.Formatting;

/// <summary>The kinds of value a template can see. Go's reflection-driven model is
/// flattened into this closed set so evaluation needs no reflection (NativeAOT).</summary>
public enum TemplateKind
{
    /// <summary>Go's invalid reflect.Value: a missing map key. Prints "&lt;no value&gt;".</summary>
    NoValue,
    Null,
    String,
    Int,
    Float,
    Bool,
    List,
    Map,
    /// <summary>A struct-like record: unknown fields are an error, as for Go structs.</summary>
    Object,
    /// <summary>A method taking arguments, e.g. docker's <c>{{.Label "key"}}</c>.</summary>
    Method,
}

/// <summary>An immutable value in the template data model.</summary>
public sealed class TemplateValue
{
    public static readonly TemplateValue NoValue = new(TemplateKind.NoValue);
    public static readonly TemplateValue Null = new(TemplateKind.Null);
    public static readonly TemplateValue True = new(TemplateKind.Bool) { _bool = true };
    public static readonly TemplateValue False = new(TemplateKind.Bool);
    public static readonly TemplateValue EmptyString = new(TemplateKind.String) { _string = "" };

    private string? _string;
    private long _int;
    private double _float;
    private bool _bool;
    private IReadOnlyList<TemplateValue>? _list;
    private TemplateObject? _object;
    private Func<IReadOnlyList<TemplateValue>, TemplateValue>? _method;

    private TemplateValue(TemplateKind kind) => Kind = kind;

    public TemplateKind Kind { get; }

    public static TemplateValue String(string s) => s.Length == 0 ? EmptyString : new(TemplateKind.String) { _string = s };
    public static TemplateValue Int(long v) => new(TemplateKind.Int) { _int = v };
    public static TemplateValue Float(double v) => new(TemplateKind.Float) { _float = v };
    public static TemplateValue Bool(bool v) => v ? True : False;
    public static TemplateValue List(IReadOnlyList<TemplateValue> items) => new(TemplateKind.List) { _list = items };
    public static TemplateValue List(IEnumerable<string> items) => List(items.Select(String).ToArray());
    public static TemplateValue Object(TemplateObject o) => new(o.IsMap ? TemplateKind.Map : TemplateKind.Object) { _object = o };

    /// <summary>A method value: invoked with the arguments that follow it in a command.</summary>
    public static TemplateValue Method(Func<IReadOnlyList<TemplateValue>, TemplateValue> f) => new(TemplateKind.Method) { _method = f };

    public string AsString => _string ?? throw new InvalidOperationException("not a string");
    public long AsInt => _int;
    public double AsFloat => _float;
    public bool AsBool => _bool;
    public IReadOnlyList<TemplateValue> AsList => _list ?? throw new InvalidOperationException("not a list");
    public TemplateObject AsObject => _object ?? throw new InvalidOperationException("not an object");
    internal Func<IReadOnlyList<TemplateValue>, TemplateValue> AsMethod => _method!;

    /// <summary>Go's notion of truth used by if/with/and/or/not: zero values are false.</summary>
    public bool IsTrue => Kind switch
    {
        TemplateKind.NoValue or TemplateKind.Null => false,
        TemplateKind.String => _string!.Length > 0,
        TemplateKind.Int => _int != 0,
        TemplateKind.Float => _float != 0,
        TemplateKind.Bool => _bool,
        TemplateKind.List => _list!.Count > 0,
        TemplateKind.Map => _object!.Count > 0,
        _ => true,
    };

    /// <summary>Converts plain CLR data (as the CLI builds it) into the model. Only a closed set of
    /// types is understood, matched by type tests rather than reflection.</summary>
    public static TemplateValue From(object? value) => value switch
    {
        null => Null,
        TemplateValue v => v,
        TemplateObject o => Object(o),
        string s => String(s),
        bool b => Bool(b),
        int i => Int(i),
        long l => Int(l),
        uint u => Int(u),
        ulong ul => Int(unchecked((long)ul)),
        short sh => Int(sh),
        ushort ush => Int(ush),
        byte by => Int(by),
        double d => Float(d),
        float f => Float(f),
        decimal m => Float((double)m),
        DateTime dt => String(GoTimeString(new DateTimeOffset(dt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(dt, DateTimeKind.Utc) : dt))),
        DateTimeOffset dto => String(GoTimeString(dto)),
        JsonElement e => FromJson(e),
        IReadOnlyDictionary<string, string> sm => Object(TemplateObject.FromStringMap(sm)),
        IDictionary<string, string> sm2 => Object(TemplateObject.FromStringMap(sm2.ToDictionary())),
        IReadOnlyDictionary<string, object?> m => Object(TemplateObject.Map(m)),
        IDictionary<string, object?> m2 => Object(TemplateObject.Map(m2.ToDictionary())),
        IEnumerable<string> ss => List(ss),
        System.Collections.IEnumerable en => List(en.Cast<object?>().Select(From).ToArray()),
        _ => String(value.ToString() ?? ""),
    };

    /// <summary>Converts a JSON document the way Go's json.Unmarshal into interface{} does:
    /// objects become maps and every number is a float64 (docker inspect's fallback path).</summary>
    public static TemplateValue FromJson(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => String(e.GetString()!),
        JsonValueKind.Number => Float(e.GetDouble()),
        JsonValueKind.True => True,
        JsonValueKind.False => False,
        JsonValueKind.Array => List(e.EnumerateArray().Select(FromJson).ToArray()),
        JsonValueKind.Object => Object(TemplateObject.FromJson(e)),
        _ => Null,
    };

    /// <summary>Go's time.Time.String(): "2006-01-02 15:04:05.999999999 -0700 MST", fraction
    /// without trailing zeros; zones other than UTC are shown by their numeric offset.</summary>
    public static string GoTimeString(DateTimeOffset t)
    {
        var frac = (t.Ticks % TimeSpan.TicksPerSecond).ToString("0000000", CultureInfo.InvariantCulture).TrimEnd('0');
        var off = t.Offset;
        var sign = off < TimeSpan.Zero ? '-' : '+';
        var offText = sign + Math.Abs(off.Hours).ToString("00", CultureInfo.InvariantCulture) + Math.Abs(off.Minutes).ToString("00", CultureInfo.InvariantCulture);
        var zone = off == TimeSpan.Zero ? "UTC" : offText;
        return t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + (frac.Length > 0 ? "." + frac : "") + " " + offText + " " + zone;
    }

    public override string ToString() => GoPrint.Sprint(this);
}
