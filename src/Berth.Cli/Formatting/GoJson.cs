using System.Globalization;
using System.Text;

namespace Berth.Cli.Formatting;

/// <summary>Go's encoding/json output for the value model. Hand-written because the exact bytes
/// matter (key order, escapes, float spelling) and System.Text.Json's serializer needs reflection.</summary>
public static class GoJson
{
    /// <summary>json.Marshal-compatible compact output.</summary>
    /// <param name="escapeHtml">Go's default escapes &lt; &gt; &amp; as \u003c etc.; docker's
    /// <c>json</c> template function turns that off (SetEscapeHTML(false)).</param>
    public static string Marshal(TemplateValue value, bool escapeHtml = true)
    {
        var sb = new StringBuilder();
        Write(sb, value, escapeHtml);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, TemplateValue v, bool html)
    {
        switch (v.Kind)
        {
            case TemplateKind.String: WriteString(sb, v.AsString, html); break;
            case TemplateKind.Int: sb.Append(v.AsInt.ToString(CultureInfo.InvariantCulture)); break;
            case TemplateKind.Float: sb.Append(FormatFloat(v.AsFloat)); break;
            case TemplateKind.Bool: sb.Append(v.AsBool ? "true" : "false"); break;
            case TemplateKind.List:
                sb.Append('[');
                for (var i = 0; i < v.AsList.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    Write(sb, v.AsList[i], html);
                }
                sb.Append(']');
                break;
            case TemplateKind.Map:
            case TemplateKind.Object:
            {
                var o = v.AsObject;
                // docker's list contexts marshal themselves with json.Marshal, which escapes HTML characters
                // before the json function's non-escaping encoder sees them.
                if (o.SortJsonKeys) html = true;
                IEnumerable<string> keys = o.IsMap || o.SortJsonKeys ? o.Keys.Order(StringComparer.Ordinal) : o.Keys;
                sb.Append('{');
                var first = true;
                foreach (var k in keys)
                {
                    o.TryGet(k, out var item);
                    // Methods with arguments have no JSON form (docker's marshaller skips them too).
                    if (item.Kind == TemplateKind.Method) continue;
                    if (!first) sb.Append(',');
                    first = false;
                    WriteString(sb, k, html);
                    sb.Append(':');
                    Write(sb, item, html);
                }
                sb.Append('}');
                break;
            }
            default: sb.Append("null"); break;
        }
    }

    /// <summary>Go's float64 encoding: shortest digits, plain notation for 1e-6 &lt;= |f| &lt; 1e21,
    /// otherwise exponent form with the exponent's leading zero dropped (1e-07 becomes 1e-7).</summary>
    public static string FormatFloat(double f)
    {
        if (double.IsNaN(f) || double.IsInfinity(f)) throw new TemplateException($"json: unsupported value: {GoPrint.FormatFloatG(f, -1)}");
        var abs = Math.Abs(f);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21))
        {
            // Shortest %g is always in exponent form in this range.
            var s = GoPrint.FormatFloatG(f, -1);
            var e = s.IndexOf('e');
            var exp = s[(e + 2)..].TrimStart('0');
            return s[..(e + 2)] + (exp.Length == 0 ? "0" : exp);
        }
        var plain = f.ToString("R", CultureInfo.InvariantCulture);
        if (plain.Contains('E')) plain = decimal.Parse(plain, NumberStyles.Float, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        return plain == "-0" ? "-0" : plain;
    }

    private static void WriteString(StringBuilder sb, string s, bool html)
    {
        sb.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '<' or '>' or '&' when html:
                    sb.Append("\\u00").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    break;
                // Go always escapes these two JavaScript line terminators.
                case '\u2028': sb.Append("\\u2028"); break;
                case '\u2029': sb.Append("\\u2029"); break;
                default:
                    if (c < 0x20) sb.Append("\\u00").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    else if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])))
                        sb.Append("\\ufffd"); // lone surrogate: invalid UTF-8 in Go terms
                    else if (char.IsHighSurrogate(c)) { sb.Append(c).Append(s[++i]); }
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }
}
