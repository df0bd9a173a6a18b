using System.Text;

namespace Berth.Cli.Formatting;

internal enum TokenKind
{
    Text, LeftDelim, RightDelim, Field, Variable, Identifier, Dot, String, RawString, Char, Number,
    Bool, Nil, Pipe, LeftParen, RightParen, Declare, Assign, Comma, Keyword, Eof,
}

internal readonly record struct Token(TokenKind Kind, string Value, int Pos);

/// <summary>Splits a template into text and action tokens. Trim markers are applied here by
/// trimming the neighbouring text, so the parser never sees them.</summary>
internal sealed class Lexer
{
    private static readonly HashSet<string> Keywords =
        ["if", "else", "end", "range", "with", "define", "template", "block", "break", "continue"];

    private readonly string _src;
    private readonly List<Token> _tokens = [];
    private int _pos;

    private Lexer(string src) => _src = src;

    public static List<Token> Lex(string src)
    {
        var l = new Lexer(src);
        l.Run();
        return l._tokens;
    }

    internal static int LineOf(string src, int pos)
    {
        var line = 1;
        for (var i = 0; i < pos && i < src.Length; i++) if (src[i] == '\n') line++;
        return line;
    }

    private TemplateException Error(string msg) => new($"template: :{LineOf(_src, _pos)}: {msg}");

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private void Run()
    {
        var trimNext = false;
        while (_pos < _src.Length)
        {
            var open = _src.IndexOf("{{", _pos, StringComparison.Ordinal);
            var textEnd = open < 0 ? _src.Length : open;
            var textStart = _pos;
            if (trimNext) while (textStart < textEnd && IsSpace(_src[textStart])) textStart++;
            var trimLeft = open >= 0 && HasTrimMarkerWithSpace(open + 2);
            var tEnd = textEnd;
            if (trimLeft) while (tEnd > textStart && IsSpace(_src[tEnd - 1])) tEnd--;
            if (tEnd > textStart) _tokens.Add(new Token(TokenKind.Text, _src[textStart..tEnd], textStart));
            if (open < 0) { _pos = _src.Length; break; }
            _pos = open + 2;
            if (trimLeft) _pos += 1;
            _tokens.Add(new Token(TokenKind.LeftDelim, "{{", open));
            trimNext = LexInsideAction();
        }
        _tokens.Add(new Token(TokenKind.Eof, "", _src.Length));
    }

    private bool At(int i, string s) => i + s.Length <= _src.Length && string.CompareOrdinal(_src, i, s, 0, s.Length) == 0;

    // Go requires whitespace after "{{-" for it to be a trim marker, so "{{-3}}" is a number.
    private bool HasTrimMarkerWithSpace(int i) => i + 1 < _src.Length && _src[i] == '-' && IsSpace(_src[i + 1]);

    /// <summary>Lexes up to and including the closing delimiter; returns whether it trims.</summary>
    private bool LexInsideAction()
    {
        // Comments must hug the delimiters: {{/* ... */}} possibly with trim markers.
        var p = _pos;
        while (p < _src.Length && IsSpace(_src[p])) p++;
        if (At(p, "/*"))
        {
            var close = _src.IndexOf("*/", p + 2, StringComparison.Ordinal);
            if (close < 0) throw Error("unclosed comment");
            _pos = close + 2;
            while (_pos < _src.Length && IsSpace(_src[_pos])) _pos++;
            var trim = false;
            if (At(_pos, "-}}")) { trim = true; _pos += 3; }
            else if (At(_pos, "}}")) _pos += 2;
            else throw Error("comment ends before closing delimiter");
            _tokens.RemoveAt(_tokens.Count - 1);
            return trim;
        }
        var parenDepth = 0;
        while (true)
        {
            if (_pos >= _src.Length) throw Error("unclosed action");
            var c = _src[_pos];
            if (IsSpace(c))
            {
                while (_pos < _src.Length && IsSpace(_src[_pos])) _pos++;
                if (At(_pos, "-}}"))
                {
                    if (parenDepth > 0) throw Error("unclosed left paren");
                    _tokens.Add(new Token(TokenKind.RightDelim, "}}", _pos));
                    _pos += 3;
                    return true;
                }
                continue;
            }
            if (At(_pos, "}}"))
            {
                if (parenDepth > 0) throw Error("unclosed left paren");
                _tokens.Add(new Token(TokenKind.RightDelim, "}}", _pos));
                _pos += 2;
                return false;
            }
            var begin = _pos;
            switch (c)
            {
                case '|': Add(TokenKind.Pipe, 1); continue;
                case '(': parenDepth++; Add(TokenKind.LeftParen, 1); continue;
                case ')':
                    if (--parenDepth < 0) throw Error("unexpected right paren");
                    Add(TokenKind.RightParen, 1); continue;
                case ',': Add(TokenKind.Comma, 1); continue;
                case '=': Add(TokenKind.Assign, 1); continue;
                case ':':
                    if (!At(_pos, ":=")) throw Error("expected :=");
                    Add(TokenKind.Declare, 2); continue;
                case '"': LexQuoted(); continue;
                case '`':
                {
                    var close = _src.IndexOf('`', _pos + 1);
                    if (close < 0) throw Error("unterminated raw quoted string");
                    _tokens.Add(new Token(TokenKind.RawString, _src[(_pos + 1)..close], begin));
                    _pos = close + 1;
                    continue;
                }
                case '\'': LexChar(); continue;
                case '$':
                    _pos++;
                    while (_pos < _src.Length && IsIdentChar(_src[_pos])) _pos++;
                    _tokens.Add(new Token(TokenKind.Variable, _src[begin.._pos], begin));
                    continue;
                case '.':
                    if (_pos + 1 < _src.Length && char.IsAsciiDigit(_src[_pos + 1])) { LexNumber(); continue; }
                    _pos++;
                    if (_pos < _src.Length && IsIdentChar(_src[_pos]))
                    {
                        while (_pos < _src.Length && IsIdentChar(_src[_pos])) _pos++;
                        _tokens.Add(new Token(TokenKind.Field, _src[(begin + 1).._pos], begin));
                    }
                    else _tokens.Add(new Token(TokenKind.Dot, ".", begin));
                    continue;
            }
            if (char.IsAsciiDigit(c) || ((c is '-' or '+') && _pos + 1 < _src.Length && (char.IsAsciiDigit(_src[_pos + 1]) || _src[_pos + 1] == '.')))
            {
                LexNumber();
                continue;
            }
            if (IsIdentChar(c))
            {
                while (_pos < _src.Length && IsIdentChar(_src[_pos])) _pos++;
                var word = _src[begin.._pos];
                var kind = word switch
                {
                    "true" or "false" => TokenKind.Bool,
                    "nil" => TokenKind.Nil,
                    _ when Keywords.Contains(word) => TokenKind.Keyword,
                    _ => TokenKind.Identifier,
                };
                _tokens.Add(new Token(kind, word, begin));
                continue;
            }
            throw Error($"unexpected \"{c}\" in command");
        }
    }

    private static bool IsIdentChar(char c) => c == '_' || char.IsLetterOrDigit(c);

    private void Add(TokenKind kind, int len)
    {
        _tokens.Add(new Token(kind, _src.Substring(_pos, len), _pos));
        _pos += len;
    }

    private void LexNumber()
    {
        var begin = _pos;
        if (_src[_pos] is '+' or '-') _pos++;
        while (_pos < _src.Length && (char.IsAsciiLetterOrDigit(_src[_pos]) || _src[_pos] is '.' or '_'
               || (_src[_pos] is '+' or '-' && _src[_pos - 1] is 'e' or 'E' or 'p' or 'P')))
            _pos++;
        _tokens.Add(new Token(TokenKind.Number, _src[begin.._pos], begin));
    }

    private void LexQuoted()
    {
        var begin = _pos;
        _pos++;
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _src.Length || _src[_pos] == '\n') throw Error("unterminated quoted string");
            var c = _src[_pos++];
            if (c == '"') break;
            if (c != '\\') { sb.Append(c); continue; }
            if (_pos >= _src.Length) throw Error("unterminated quoted string");
            sb.Append(Unescape(ref _pos));
        }
        _tokens.Add(new Token(TokenKind.String, sb.ToString(), begin));
    }

    private void LexChar()
    {
        var begin = _pos;
        _pos++;
        string ch;
        if (_pos < _src.Length && _src[_pos] == '\\') { _pos++; ch = Unescape(ref _pos); }
        else
        {
            if (_pos >= _src.Length) throw Error("unterminated character constant");
            var r = char.IsHighSurrogate(_src[_pos]) ? 2 : 1;
            ch = _src.Substring(_pos, r);
            _pos += r;
        }
        if (_pos >= _src.Length || _src[_pos] != '\'') throw Error("unterminated character constant");
        _pos++;
        _tokens.Add(new Token(TokenKind.Char, ch, begin));
    }

    private string Unescape(ref int p)
    {
        var e = _src[p++];
        switch (e)
        {
            case 'n': return "\n";
            case 't': return "\t";
            case 'r': return "\r";
            case 'a': return "\a";
            case 'b': return "\b";
            case 'f': return "\f";
            case 'v': return "\v";
            case '\\': return "\\";
            case '"': return "\"";
            case '\'': return "'";
            case 'x': return HexRune(ref p, 2);
            case 'u': return HexRune(ref p, 4);
            case 'U': return HexRune(ref p, 8);
            default:
                if (e is >= '0' and <= '7' && p + 1 < _src.Length)
                {
                    var v = Convert.ToInt32(_src.Substring(p - 1, 3), 8);
                    p += 2;
                    return ((char)v).ToString();
                }
                throw Error("unknown escape sequence");
        }
    }

    private string HexRune(ref int p, int n)
    {
        if (p + n > _src.Length) throw Error("invalid escape");
        var v = Convert.ToInt32(_src.Substring(p, n), 16);
        p += n;
        return char.ConvertFromUtf32(v);
    }
}
