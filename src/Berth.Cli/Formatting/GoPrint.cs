using System.Globalization;
using System.Text;

namespace Berth.Cli.Formatting;

/// <summary>Go's fmt package behaviour for the value model: %v printing, Sprint/Sprintln and
/// the printf verbs docker users reach for.</summary>
internal static class GoPrint
{
    public static string TypeName(TemplateValue v) => v.Kind switch
    {
        TemplateKind.String => "string",
        TemplateKind.Int => "int",
        TemplateKind.Float => "float64",
        TemplateKind.Bool => "bool",
        TemplateKind.List => "[]interface {}",
        TemplateKind.Map or TemplateKind.Object => v.AsObject.TypeName,
        TemplateKind.Method => "func",
        _ => "<nil>",
    };

    /// <summary>The %v form.</summary>
    public static string Sprint(TemplateValue v)
    {
        var sb = new StringBuilder();
        AppendValue(sb, v, top: true);
        return sb.ToString();
    }

    private static void AppendValue(StringBuilder sb, TemplateValue v, bool top)
    {
        switch (v.Kind)
        {
            case TemplateKind.NoValue: sb.Append(top ? "<no value>" : "<nil>"); break;
            case TemplateKind.Null: sb.Append("<nil>"); break;
            case TemplateKind.String: sb.Append(v.AsString); break;
            case TemplateKind.Int: sb.Append(v.AsInt.ToString(CultureInfo.InvariantCulture)); break;
            case TemplateKind.Float: sb.Append(FormatFloatG(v.AsFloat, -1)); break;
            case TemplateKind.Bool: sb.Append(v.AsBool ? "true" : "false"); break;
            case TemplateKind.List:
                sb.Append('[');
                for (var i = 0; i < v.AsList.Count; i++)
                {
                    if (i > 0) sb.Append(' ');
                    AppendValue(sb, v.AsList[i], false);
                }
                sb.Append(']');
                break;
            case TemplateKind.Map:
            {
                sb.Append("map[");
                var first = true;
                foreach (var k in v.AsObject.Keys)
                {
                    if (!first) sb.Append(' ');
                    first = false;
                    v.AsObject.TryGet(k, out var item);
                    sb.Append(k).Append(':');
                    AppendValue(sb, item, false);
                }
                sb.Append(']');
                break;
            }
            case TemplateKind.Object:
            {
                sb.Append('{');
                var first = true;
                foreach (var k in v.AsObject.Keys)
                {
                    v.AsObject.TryGet(k, out var item);
                    if (item.Kind == TemplateKind.Method) continue;
                    if (!first) sb.Append(' ');
                    first = false;
                    AppendValue(sb, item, false);
                }
                sb.Append('}');
                break;
            }
            default: sb.Append("<func>"); break;
        }
    }

    /// <summary>fmt.Sprint: a space goes between operands when neither side is a string.</summary>
    public static string SprintArgs(IReadOnlyList<TemplateValue> args)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < args.Count; i++)
        {
            if (i > 0 && args[i].Kind != TemplateKind.String && args[i - 1].Kind != TemplateKind.String) sb.Append(' ');
            sb.Append(Sprint(args[i]));
        }
        return sb.ToString();
    }

    public static string SprintlnArgs(IReadOnlyList<TemplateValue> args)
        => string.Join(' ', args.Select(Sprint)) + "\n";

    /// <summary>Decimal digits of the shortest round-tripping form and the position of the
    /// decimal point: value = 0.d1d2d3... x 10^dp.</summary>
    private static (string Digits, int Dp) Shortest(double v)
    {
        // "R" gives the shortest round-trip digits; normalise it through scientific form.
        var shortest = Math.Abs(v).ToString("R", CultureInfo.InvariantCulture);
        var e = shortest.IndexOfAny(['E', 'e']);
        var mant = e < 0 ? shortest : shortest[..e];
        var exp = e < 0 ? 0 : int.Parse(shortest[(e + 1)..], CultureInfo.InvariantCulture);
        var dot = mant.IndexOf('.');
        var intPart = dot < 0 ? mant : mant[..dot];
        var frac = dot < 0 ? "" : mant[(dot + 1)..];
        var digits = (intPart + frac).TrimStart('0');
        var lead = (intPart + frac).Length - digits.Length;
        var dp = intPart.Length + exp - lead;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0) return ("0", 1);
        return (digits, dp);
    }

    /// <summary>strconv.FormatFloat(v, 'g', prec, 64); prec -1 means shortest.</summary>
    public static string FormatFloatG(double v, int prec)
    {
        if (double.IsNaN(v)) return "NaN";
        if (double.IsInfinity(v)) return v > 0 ? "+Inf" : "-Inf";
        string digits;
        int dp;
        var shortest = prec < 0;
        if (shortest) (digits, dp) = Shortest(v);
        else
        {
            if (prec == 0) prec = 1;
            (digits, dp) = RoundDigits(v, prec);
        }
        var eprec = shortest ? 6 : prec;
        if (!shortest && eprec > digits.Length && digits.Length >= dp) eprec = digits.Length;
        var exp = dp - 1;
        var neg = v < 0 || (v == 0 && double.IsNegative(v));
        string body;
        if (v == 0) { digits = "0"; dp = 1; exp = 0; }
        if (exp < -4 || exp >= eprec)
        {
            body = digits[..1] + (digits.Length > 1 ? "." + digits[1..] : "") + "e" + (exp < 0 ? "-" : "+") + Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture);
        }
        else if (dp <= 0) body = "0." + new string('0', -dp) + digits;
        else if (dp >= digits.Length) body = digits + new string('0', dp - digits.Length);
        else body = digits[..dp] + "." + digits[dp..];
        return neg ? "-" + body : body;
    }

    private static (string, int) RoundDigits(double v, int prec)
    {
        var s = Math.Abs(v).ToString("E" + (prec - 1), CultureInfo.InvariantCulture);
        var e = s.IndexOf('E');
        var digits = s[..e].Replace(".", "").TrimEnd('0');
        if (digits.Length == 0) digits = "0";
        return (digits, int.Parse(s[(e + 1)..], CultureInfo.InvariantCulture) + 1);
    }

    /// <summary>strconv.Quote.</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var rune in s.EnumerateRunes())
        {
            var c = rune.Value;
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\a': sb.Append("\\a"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\v': sb.Append("\\v"); break;
                default:
                    if (c < 0x20 || c == 0x7f) sb.Append("\\x").Append(c.ToString("x2", CultureInfo.InvariantCulture));
                    else sb.Append(rune.ToString());
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    public static string Sprintf(string format, IReadOnlyList<TemplateValue> args)
    {
        var sb = new StringBuilder();
        var argi = 0;
        var i = 0;
        while (i < format.Length)
        {
            var c = format[i];
            if (c != '%') { sb.Append(c); i++; continue; }
            i++;
            if (i >= format.Length) { sb.Append("%!(NOVERB)"); break; }
            bool minus = false, plus = false, zero = false, space = false, sharp = false;
            for (; i < format.Length; i++)
            {
                switch (format[i])
                {
                    case '-': minus = true; zero = false; continue;
                    case '+': plus = true; continue;
                    case '0': zero = !minus; continue;
                    case ' ': space = true; continue;
                    case '#': sharp = true; continue;
                }
                break;
            }
            int? width = null, prec = null;
            if (i < format.Length && format[i] == '*')
            {
                i++;
                if (argi < args.Count && args[argi].Kind == TemplateKind.Int) { width = (int)args[argi].AsInt; if (width < 0) { minus = true; width = -width; } }
                else sb.Append("%!(BADWIDTH)");
                argi++;
            }
            else width = ReadNum(format, ref i);
            if (i < format.Length && format[i] == '.')
            {
                i++;
                if (i < format.Length && format[i] == '*')
                {
                    i++;
                    if (argi < args.Count && args[argi].Kind == TemplateKind.Int) prec = (int)args[argi].AsInt;
                    else sb.Append("%!(BADPREC)");
                    argi++;
                }
                else prec = ReadNum(format, ref i) ?? 0;
            }
            if (i >= format.Length) { sb.Append("%!(NOVERB)"); break; }
            var verb = format[i++];
            if (verb == '%') { sb.Append('%'); continue; }
            if (argi >= args.Count) { sb.Append("%!").Append(verb).Append("(MISSING)"); continue; }
            var arg = args[argi++];
            var spec = new Spec(minus, plus, zero, space, sharp, width, prec);
            sb.Append(FormatOne(verb, arg, spec));
        }
        if (argi < args.Count)
        {
            sb.Append("%!(EXTRA ");
            sb.Append(string.Join(", ", args.Skip(argi).Select(a => TypeName(a) + "=" + Sprint(a))));
            sb.Append(')');
        }
        return sb.ToString();
    }

    private static int? ReadNum(string f, ref int i)
    {
        var start = i;
        while (i < f.Length && char.IsAsciiDigit(f[i])) i++;
        return i == start ? null : int.Parse(f.AsSpan(start, i - start), CultureInfo.InvariantCulture);
    }

    private readonly record struct Spec(bool Minus, bool Plus, bool Zero, bool Space, bool Sharp, int? Width, int? Prec);

    private static string Bad(char verb, TemplateValue v) => $"%!{verb}({TypeName(v)}={Sprint(v)})";

    private static string FormatOne(char verb, TemplateValue v, Spec s)
    {
        if (v.Kind == TemplateKind.List && verb != 'v' && verb != 's' || v.Kind == TemplateKind.List && verb == 's')
        {
            // Go applies the verb to each element of a slice.
            var parts = v.AsList.Select(e => FormatOne(verb, e, s with { Width = null }));
            return Pad("[" + string.Join(' ', parts) + "]", s);
        }
        switch (verb)
        {
            case 'v':
                if (v.Kind == TemplateKind.String && s.Sharp) return Pad(Quote(v.AsString), s);
                if (v.Kind == TemplateKind.Int) return FormatInt(v.AsInt, 10, false, s);
                if (v.Kind == TemplateKind.Float) return PadNumber(FormatFloatG(v.AsFloat, s.Prec ?? -1), s);
                return Pad(Sprint(v), s);
            case 's':
                if (v.Kind == TemplateKind.String) return Pad(Truncate(v.AsString, s.Prec), s);
                if (v.Kind is TemplateKind.Map or TemplateKind.Object or TemplateKind.NoValue or TemplateKind.Null) return Pad(Sprint(v), s);
                return Bad(verb, v);
            case 'q':
                if (v.Kind == TemplateKind.String) return Pad(s.Sharp && !v.AsString.Contains('`') ? "`" + v.AsString + "`" : Quote(Truncate(v.AsString, s.Prec)), s);
                if (v.Kind == TemplateKind.Int) return Pad("'" + char.ConvertFromUtf32((int)v.AsInt) + "'", s);
                return Bad(verb, v);
            case 'd':
                return v.Kind == TemplateKind.Int ? FormatInt(v.AsInt, 10, false, s) : Bad(verb, v);
            case 'b':
                return v.Kind == TemplateKind.Int ? FormatInt(v.AsInt, 2, false, s) : Bad(verb, v);
            case 'o':
                return v.Kind == TemplateKind.Int ? FormatInt(v.AsInt, 8, false, s) : Bad(verb, v);
            case 'x':
            case 'X':
                if (v.Kind == TemplateKind.Int) return FormatInt(v.AsInt, 16, verb == 'X', s);
                if (v.Kind == TemplateKind.String)
                {
                    var hex = Convert.ToHexString(Encoding.UTF8.GetBytes(v.AsString));
                    return Pad(verb == 'x' ? hex.ToLowerInvariant() : hex, s);
                }
                return Bad(verb, v);
            case 'c':
                return v.Kind == TemplateKind.Int ? Pad(char.ConvertFromUtf32((int)v.AsInt), s) : Bad(verb, v);
            case 't':
                return v.Kind == TemplateKind.Bool ? Pad(v.AsBool ? "true" : "false", s) : Bad(verb, v);
            case 'f':
            case 'F':
            case 'e':
            case 'g':
                if (v.Kind != TemplateKind.Float) return Bad(verb, v);
                return PadNumber(FormatFloat(v.AsFloat, verb, s.Prec), s);
            default:
                return $"%!{verb}({TypeName(v)}={Sprint(v)})";
        }
    }

    private static string FormatFloat(double f, char verb, int? prec)
    {
        if (double.IsNaN(f)) return "NaN";
        if (double.IsInfinity(f)) return f > 0 ? "+Inf" : "-Inf";
        switch (verb)
        {
            case 'f':
            case 'F':
                return f.ToString("F" + (prec ?? 6), CultureInfo.InvariantCulture);
            case 'e':
            {
                var s = f.ToString((prec ?? 6) == 0 ? "0e+00" : "0." + new string('0', prec ?? 6) + "e+00", CultureInfo.InvariantCulture);
                return s;
            }
            default:
                return FormatFloatG(f, prec ?? -1);
        }
    }

    private static string Truncate(string s, int? prec)
    {
        if (prec is not { } p) return s;
        var runes = s.EnumerateRunes().ToArray();
        return runes.Length <= p ? s : string.Concat(runes.Take(p).Select(r => r.ToString()));
    }

    private static string FormatInt(long n, int radix, bool upper, Spec s)
    {
        var neg = n < 0;
        var mag = neg ? (ulong)(-(n + 1)) + 1 : (ulong)n;
        var digits = radix switch
        {
            10 => mag.ToString(CultureInfo.InvariantCulture),
            16 => upper ? mag.ToString("X", CultureInfo.InvariantCulture) : mag.ToString("x", CultureInfo.InvariantCulture),
            _ => Convert.ToString(unchecked((long)mag), radix),
        };
        if (s.Prec is { } p && digits.Length < p) digits = new string('0', p - digits.Length) + digits;
        if (s.Sharp && radix == 16) digits = (upper ? "0X" : "0x") + digits;
        var sign = neg ? "-" : s.Plus ? "+" : s.Space ? " " : "";
        return PadNumber(sign + digits, s with { Zero = s.Zero && s.Prec is null });
    }

    // Numbers zero-pad after the sign when the 0 flag is set.
    private static string PadNumber(string text, Spec s)
    {
        if (s.Width is not { } w || s.Minus || !s.Zero) return Pad(text, s);
        var len = text.EnumerateRunes().Count();
        if (len >= w) return text;
        var signLen = text.Length > 0 && text[0] is '-' or '+' or ' ' ? 1 : 0;
        return text[..signLen] + new string('0', w - len) + text[signLen..];
    }

    // Widths count runes, as Go's fmt does.
    private static string Pad(string text, Spec s)
    {
        if (s.Width is not { } w) return text;
        var len = text.EnumerateRunes().Count();
        if (len >= w) return text;
        var fill = new string(s.Zero && !s.Minus ? '0' : ' ', w - len);
        return s.Minus ? text + fill : fill + text;
    }
}
