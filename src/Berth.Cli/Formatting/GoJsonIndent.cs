using System.Text;
using System.Text.Json;

namespace Berth.Cli.Formatting;

// What docker inspect prints: the daemon's raw JSON objects in an array, re-indented with four spaces by Go's
// json.MarshalIndent. Strings keep the daemon's escapes (no decode/re-encode), except that Go escapes <, > and &
// and the line separators when it compacts raw JSON.
public static class GoJsonIndent
{
    public static string Array(IEnumerable<byte[]> rawElements)
    {
        var joined = new List<byte> { (byte)'[' };
        var first = true;
        foreach (var raw in rawElements)
        {
            if (!first) joined.Add((byte)',');
            joined.AddRange(raw);
            first = false;
        }
        joined.Add((byte)']');
        return Indent(joined.ToArray());
    }

    public static string Indent(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        var sb = new StringBuilder();
        var depth = 0;
        var justOpened = false;
        var needComma = false;
        var afterName = false;

        void BeforeValue()
        {
            if (afterName)
            {
                afterName = false;
                return;
            }
            if (justOpened)
            {
                justOpened = false;
                NewLine(sb, depth);
            }
            else if (needComma)
            {
                sb.Append(',');
                NewLine(sb, depth);
            }
        }

        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    BeforeValue();
                    sb.Append(reader.TokenType == JsonTokenType.StartObject ? '{' : '[');
                    depth++;
                    justOpened = true;
                    needComma = false;
                    break;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    depth--;
                    if (justOpened) justOpened = false;
                    else NewLine(sb, depth);
                    sb.Append(reader.TokenType == JsonTokenType.EndObject ? '}' : ']');
                    needComma = true;
                    break;
                case JsonTokenType.PropertyName:
                    BeforeValue();
                    AppendString(sb, reader.ValueSpan);
                    sb.Append(": ");
                    afterName = true;
                    break;
                case JsonTokenType.String:
                    BeforeValue();
                    AppendString(sb, reader.ValueSpan);
                    needComma = true;
                    break;
                default:
                    BeforeValue();
                    sb.Append(Encoding.UTF8.GetString(reader.ValueSpan));
                    needComma = true;
                    break;
            }
        }
        return sb.ToString();
    }

    private static void NewLine(StringBuilder sb, int depth) => sb.Append('\n').Append(' ', 4 * depth);

    private static void AppendString(StringBuilder sb, ReadOnlySpan<byte> rawEscaped)
    {
        sb.Append('"');
        foreach (var c in Encoding.UTF8.GetString(rawEscaped))
        {
            switch (c)
            {
                case '<': sb.Append("\\u003c"); break;
                case '>': sb.Append("\\u003e"); break;
                case '&': sb.Append("\\u0026"); break;
                case '\u2028': sb.Append("\\u2028"); break;
                case '\u2029': sb.Append("\\u2029"); break;
                default: sb.Append(c); break;
            }
        }
        sb.Append('"');
    }
}
