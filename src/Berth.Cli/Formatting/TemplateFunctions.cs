using System.Text;

namespace Berth.Cli.Formatting;

/// <summary>Raised by a template function; the executor adds the Go-style location prefix.</summary>
internal sealed class FunctionException(string message) : Exception(message);

internal delegate TemplateValue TemplateFunction(IReadOnlyList<TemplateValue> args);

/// <summary>Go's builtin template functions plus docker's additions (templates.basicFunctions),
/// and the header variants docker swaps in when rendering a table header.</summary>
internal static class TemplateFunctions
{
    // "and"/"or" are evaluated lazily by the executor; they are listed so the parser accepts them.
    public static readonly IReadOnlyDictionary<string, TemplateFunction> Standard = new Dictionary<string, TemplateFunction>
    {
        ["and"] = a => a.FirstOrDefault(v => !v.IsTrue) ?? a[^1],
        ["or"] = a => a.FirstOrDefault(v => v.IsTrue) ?? a[^1],
        ["not"] = a => { Arity("not", a, 1); return TemplateValue.Bool(!a[0].IsTrue); },
        ["len"] = a => { Arity("len", a, 1); return TemplateValue.Int(Len(a[0])); },
        ["index"] = Index,
        ["print"] = a => TemplateValue.String(GoPrint.SprintArgs(a)),
        ["println"] = a => TemplateValue.String(GoPrint.SprintlnArgs(a)),
        ["printf"] = a =>
        {
            if (a.Count < 1) throw new FunctionException("wrong number of args for printf: want at least 1 got 0");
            return TemplateValue.String(GoPrint.Sprintf(Str(a[0]), a.Skip(1).ToArray()));
        },
        ["eq"] = Eq,
        ["ne"] = a => { Arity("ne", a, 2); return TemplateValue.Bool(!Equal(a[0], a[1])); },
        ["lt"] = a => { Arity("lt", a, 2); return TemplateValue.Bool(Compare(a[0], a[1]) < 0); },
        ["le"] = a => { Arity("le", a, 2); return TemplateValue.Bool(Compare(a[0], a[1]) <= 0); },
        ["gt"] = a => { Arity("gt", a, 2); return TemplateValue.Bool(Compare(a[0], a[1]) > 0); },
        ["ge"] = a => { Arity("ge", a, 2); return TemplateValue.Bool(Compare(a[0], a[1]) >= 0); },
        ["slice"] = Slice,
        // docker's templates.basicFunctions
        ["json"] = a => { Arity("json", a, 1); return TemplateValue.String(GoJson.Marshal(a[0], escapeHtml: false)); },
        ["split"] = a =>
        {
            Arity("split", a, 2);
            var s = Str(a[0]);
            var sep = Str(a[1]);
            return TemplateValue.List(sep.Length == 0 ? s.EnumerateRunes().Select(r => r.ToString()).ToArray() : s.Split(sep));
        },
        ["join"] = a =>
        {
            Arity("join", a, 2);
            if (a[0].Kind != TemplateKind.List) throw new FunctionException($"wrong type for value; expected []string; got {GoPrint.TypeName(a[0])}");
            return TemplateValue.String(string.Join(Str(a[1]), a[0].AsList.Select(GoPrint.Sprint)));
        },
        ["title"] = a => { Arity("title", a, 1); return TemplateValue.String(Title(Str(a[0]))); },
        ["lower"] = a => { Arity("lower", a, 1); return TemplateValue.String(Str(a[0]).ToLowerInvariant()); },
        ["upper"] = a => { Arity("upper", a, 1); return TemplateValue.String(Str(a[0]).ToUpperInvariant()); },
        ["pad"] = a =>
        {
            Arity("pad", a, 3);
            var s = Str(a[0]);
            return TemplateValue.String(s.Length == 0 ? s : new string(' ', (int)Int(a[1])) + s + new string(' ', (int)Int(a[2])));
        },
        ["truncate"] = a =>
        {
            Arity("truncate", a, 2);
            var s = Str(a[0]);
            var n = (int)Int(a[1]);
            // docker slices bytes, not runes.
            var bytes = Encoding.UTF8.GetBytes(s);
            return TemplateValue.String(bytes.Length < n ? s : Encoding.UTF8.GetString(bytes, 0, n));
        },
    };

    /// <summary>Functions docker replaces while rendering the header row so "{{upper .Name}}"
    /// still shows the column title unchanged.</summary>
    public static readonly IReadOnlyDictionary<string, TemplateFunction> Header = BuildHeader();

    private static Dictionary<string, TemplateFunction> BuildHeader()
    {
        var d = new Dictionary<string, TemplateFunction>(Standard);
        TemplateFunction identity1(string name) => a => { Arity(name, a, 1); return TemplateValue.String(Str(a[0])); };
        TemplateFunction identity2(string name) => a => { Arity(name, a, 2); return TemplateValue.String(Str(a[0])); };
        d["json"] = identity1("json");
        d["title"] = identity1("title");
        d["lower"] = identity1("lower");
        d["upper"] = identity1("upper");
        d["split"] = identity2("split");
        d["join"] = identity2("join");
        d["truncate"] = a => { Arity("truncate", a, 2); Int(a[1]); return TemplateValue.String(Str(a[0])); };
        return d;
    }

    private static void Arity(string name, IReadOnlyList<TemplateValue> a, int want)
    {
        if (a.Count != want) throw new FunctionException($"wrong number of args for {name}: want {want} got {a.Count}");
    }

    private static string Str(TemplateValue v) => v.Kind == TemplateKind.String
        ? v.AsString
        : throw new FunctionException($"wrong type for value; expected string; got {GoPrint.TypeName(v)}");

    private static long Int(TemplateValue v) => v.Kind == TemplateKind.Int
        ? v.AsInt
        : throw new FunctionException($"wrong type for value; expected int; got {GoPrint.TypeName(v)}");

    // strings.Title: title-case the first letter of each word, where ASCII other than letters,
    // digits and '_' separates words, and beyond ASCII only white space does.
    private static string Title(string s)
    {
        var sb = new StringBuilder(s.Length);
        var prev = ' ';
        foreach (var c in s)
        {
            sb.Append(IsSeparator(prev) ? char.ToUpperInvariant(c) : c);
            prev = c;
        }
        return sb.ToString();
    }

    private static bool IsSeparator(char c)
    {
        if (c <= 0x7F) return !(char.IsAsciiLetterOrDigit(c) || c == '_');
        return !char.IsLetterOrDigit(c) && char.IsWhiteSpace(c);
    }

    private static long Len(TemplateValue v) => v.Kind switch
    {
        TemplateKind.String => Encoding.UTF8.GetByteCount(v.AsString),
        TemplateKind.List => v.AsList.Count,
        TemplateKind.Map => v.AsObject.Count,
        _ => throw new FunctionException($"len of type {GoPrint.TypeName(v)}"),
    };

    private static TemplateValue Index(IReadOnlyList<TemplateValue> a)
    {
        if (a.Count < 1) throw new FunctionException("wrong number of args for index: want at least 1 got 0");
        var item = a[0];
        foreach (var key in a.Skip(1))
        {
            switch (item.Kind)
            {
                case TemplateKind.List:
                    if (key.Kind != TemplateKind.Int) throw new FunctionException($"cannot index slice/array with type {GoPrint.TypeName(key)}");
                    if (key.AsInt < 0 || key.AsInt >= item.AsList.Count) throw new FunctionException($"index out of range: {key.AsInt}");
                    item = item.AsList[(int)key.AsInt];
                    break;
                case TemplateKind.String:
                {
                    if (key.Kind != TemplateKind.Int) throw new FunctionException($"cannot index slice/array with type {GoPrint.TypeName(key)}");
                    var bytes = Encoding.UTF8.GetBytes(item.AsString);
                    if (key.AsInt < 0 || key.AsInt >= bytes.Length) throw new FunctionException($"index out of range: {key.AsInt}");
                    item = TemplateValue.Int(bytes[key.AsInt]);
                    break;
                }
                case TemplateKind.Map:
                    if (key.Kind != TemplateKind.String) throw new FunctionException($"value has type {GoPrint.TypeName(key)}; should be string");
                    item = item.AsObject.TryGet(key.AsString, out var found) ? found : item.AsObject.MissingIndexValue;
                    break;
                case TemplateKind.NoValue:
                case TemplateKind.Null:
                    throw new FunctionException("index of untyped nil");
                default:
                    throw new FunctionException($"can't index item of type {GoPrint.TypeName(item)}");
            }
        }
        return item;
    }

    private static TemplateValue Slice(IReadOnlyList<TemplateValue> a)
    {
        if (a.Count < 1 || a.Count > 3) throw new FunctionException($"wrong number of args for slice: want 1-3 got {a.Count}");
        var item = a[0];
        var len = item.Kind switch
        {
            TemplateKind.List => item.AsList.Count,
            TemplateKind.String => Encoding.UTF8.GetByteCount(item.AsString),
            _ => throw new FunctionException($"can't slice item of type {GoPrint.TypeName(item)}"),
        };
        var from = a.Count > 1 ? (int)Int(a[1]) : 0;
        var to = a.Count > 2 ? (int)Int(a[2]) : len;
        if (from < 0 || to > len || from > to) throw new FunctionException($"index out of range: {(from < 0 || from > len ? from : to)}");
        return item.Kind == TemplateKind.List
            ? TemplateValue.List(item.AsList.Skip(from).Take(to - from).ToArray())
            : TemplateValue.String(Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(item.AsString), from, to - from));
    }

    private static TemplateValue Eq(IReadOnlyList<TemplateValue> a)
    {
        if (a.Count < 2) throw new FunctionException("missing argument for comparison");
        for (var i = 1; i < a.Count; i++)
            if (Equal(a[0], a[i])) return TemplateValue.True;
        return TemplateValue.False;
    }

    private static bool IsBasic(TemplateValue v) => v.Kind is TemplateKind.String or TemplateKind.Int or TemplateKind.Float or TemplateKind.Bool;

    private static bool Equal(TemplateValue x, TemplateValue y)
    {
        if (x.Kind == TemplateKind.NoValue || y.Kind == TemplateKind.NoValue) throw new FunctionException("invalid type for comparison");
        if (x.Kind == TemplateKind.Null || y.Kind == TemplateKind.Null) return x.Kind == y.Kind;
        if (!IsBasic(x) || !IsBasic(y)) throw new FunctionException("non-comparable type");
        if (x.Kind != y.Kind) throw new FunctionException("incompatible types for comparison");
        return x.Kind switch
        {
            TemplateKind.String => x.AsString == y.AsString,
            TemplateKind.Int => x.AsInt == y.AsInt,
            TemplateKind.Float => x.AsFloat == y.AsFloat,
            _ => x.AsBool == y.AsBool,
        };
    }

    private static int Compare(TemplateValue x, TemplateValue y)
    {
        if (!IsBasic(x) || !IsBasic(y) || x.Kind == TemplateKind.Bool || y.Kind == TemplateKind.Bool)
            throw new FunctionException("invalid type for comparison");
        if (x.Kind != y.Kind) throw new FunctionException("incompatible types for comparison");
        return x.Kind switch
        {
            TemplateKind.String => string.CompareOrdinal(x.AsString, y.AsString),
            TemplateKind.Int => x.AsInt.CompareTo(y.AsInt),
            _ => x.AsFloat.CompareTo(y.AsFloat),
        };
    }
}
