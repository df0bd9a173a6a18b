using System.Globalization;

namespace Berth.Cli.Formatting;

/// <summary>Builds the parse tree from tokens, reporting errors with Go's wording.</summary>
internal sealed class Parser
{
    private readonly string _src;
    private readonly List<Token> _t;
    private readonly Func<string, bool> _isFunction;
    private readonly List<string> _vars = ["$"];
    private int _i;
    private int _rangeDepth;

    private Parser(string src, Func<string, bool> isFunction)
    {
        _src = src;
        _t = Lexer.Lex(src);
        _isFunction = isFunction;
    }

    public static ListNode Parse(string src, Func<string, bool> isFunction)
    {
        var p = new Parser(src, isFunction);
        var (list, term) = p.ParseList();
        if (term is not null) throw p.Error($"unexpected {{{{{term}}}}}", p.Peek.Pos);
        return list;
    }

    private Token Peek => _t[_i];
    private Token Next() => _t[_i++];

    private TemplateException Error(string msg, int pos) => new($"template: :{Lexer.LineOf(_src, pos)}: {msg}");

    /// <summary>Parses nodes until EOF or an {{end}}/{{else}} whose keyword is returned
    /// (the parser is then positioned just after the keyword).</summary>
    private (ListNode, string?) ParseList()
    {
        var nodes = new List<Node>();
        var start = Peek.Pos;
        while (true)
        {
            var tok = Next();
            switch (tok.Kind)
            {
                case TokenKind.Eof:
                    _i--;
                    return (new ListNode(start, nodes), null);
                case TokenKind.Text:
                    nodes.Add(new TextNode(tok.Pos, tok.Value));
                    break;
                case TokenKind.LeftDelim:
                    if (Peek.Kind == TokenKind.Keyword && Peek.Value is "end" or "else")
                        return (new ListNode(start, nodes), Next().Value);
                    nodes.Add(ParseAction());
                    break;
                default:
                    throw Error($"unexpected {tok.Value}", tok.Pos);
            }
        }
    }

    private Node ParseAction()
    {
        var tok = Peek;
        if (tok.Kind == TokenKind.Keyword)
        {
            Next();
            switch (tok.Value)
            {
                case "if": return ParseBranch(BranchKind.If, tok.Pos);
                case "with": return ParseBranch(BranchKind.With, tok.Pos);
                case "range": return ParseBranch(BranchKind.Range, tok.Pos);
                case "break":
                case "continue":
                    if (_rangeDepth == 0) throw Error($"{{{{{tok.Value}}}}} outside {{{{range}}}}", tok.Pos);
                    Expect(TokenKind.RightDelim, tok.Value);
                    return tok.Value == "break" ? new BreakNode(tok.Pos) : new ContinueNode(tok.Pos);
                default:
                    throw Error($"{{{{{tok.Value}}}}} is not supported", tok.Pos);
            }
        }
        return new ActionNode(tok.Pos, ParsePipeline("command", allowDecl: true, allowTwoVars: false, TokenKind.RightDelim));
    }

    private BranchNode ParseBranch(BranchKind kind, int pos)
    {
        var mark = _vars.Count;
        var name = kind.ToString().ToLowerInvariant();
        var pipe = ParsePipeline(name, allowDecl: true, allowTwoVars: kind == BranchKind.Range, TokenKind.RightDelim);
        if (kind == BranchKind.Range) _rangeDepth++;
        var (list, term) = ParseList();
        if (kind == BranchKind.Range) _rangeDepth--;
        if (term is null) throw Error("unexpected EOF", _src.Length);
        ListNode? elseList = null;
        if (term == "else")
        {
            // "else if"/"else with" chains nest a branch that also consumes the shared {{end}}.
            if (kind != BranchKind.Range && Peek.Kind == TokenKind.Keyword && (Peek.Value == "if" || Peek.Value == "with"))
            {
                var kw = Next();
                var nested = ParseBranch(kw.Value == "if" ? BranchKind.If : BranchKind.With, kw.Pos);
                elseList = new ListNode(kw.Pos, [nested]);
                _vars.RemoveRange(mark, _vars.Count - mark);
                return new BranchNode(pos, kind, pipe, list, elseList);
            }
            Expect(TokenKind.RightDelim, "else");
            (elseList, term) = ParseList();
            if (term != "end") throw Error(term is null ? "unexpected EOF" : "expected end; found {{else}}", Peek.Pos);
        }
        Expect(TokenKind.RightDelim, "end");
        _vars.RemoveRange(mark, _vars.Count - mark);
        return new BranchNode(pos, kind, pipe, list, elseList);
    }

    private void Expect(TokenKind kind, string context)
    {
        var tok = Next();
        if (tok.Kind != kind) throw Error($"unexpected {Describe(tok)} in {context}", tok.Pos);
    }

    private static string Describe(Token t) => t.Kind switch
    {
        TokenKind.Eof => "EOF",
        TokenKind.RightDelim => "\"}}\"",
        TokenKind.String => $"\"{t.Value}\"",
        _ => $"<{t.Value}>",
    };

    private PipeNode ParsePipeline(string context, bool allowDecl, bool allowTwoVars, TokenKind end)
    {
        var start = Peek.Pos;
        var decl = new List<string>();
        var isAssign = false;
        if (allowDecl && Peek.Kind == TokenKind.Variable)
        {
            var save = _i;
            var v1 = Next();
            if (Peek.Kind is TokenKind.Declare or TokenKind.Assign)
            {
                isAssign = Next().Kind == TokenKind.Assign;
                decl.Add(v1.Value);
            }
            else if (allowTwoVars && Peek.Kind == TokenKind.Comma)
            {
                Next();
                var v2 = Next();
                if (v2.Kind != TokenKind.Variable) throw Error($"range can only initialize variables", v2.Pos);
                if (Peek.Kind is not (TokenKind.Declare or TokenKind.Assign)) throw Error("range can only initialize variables", v2.Pos);
                isAssign = Next().Kind == TokenKind.Assign;
                decl.Add(v1.Value);
                decl.Add(v2.Value);
            }
            else _i = save;
        }
        var cmds = new List<CommandNode>();
        while (true)
        {
            var cmdStart = Peek.Pos;
            var args = new List<Node>();
            while (Peek.Kind is not (TokenKind.Pipe or TokenKind.RightDelim or TokenKind.RightParen or TokenKind.Eof))
                args.Add(ParseOperand());
            if (args.Count == 0) throw Error(Peek.Kind == TokenKind.Pipe || cmds.Count > 0 ? "missing command" : $"missing value for {context}", Peek.Pos);
            cmds.Add(new CommandNode(cmdStart, args, _src[cmdStart..Peek.Pos].TrimEnd()));
            var t = Next();
            if (t.Kind == TokenKind.Pipe) continue;
            if (t.Kind != end) throw Error($"unexpected {Describe(t)} in {context}", t.Pos);
            var endPos = t.Pos;
            foreach (var d in decl)
            {
                if (isAssign && !_vars.Contains(d)) throw Error($"undefined variable \"{d}\"", start);
                if (!isAssign) _vars.Add(d);
            }
            return new PipeNode(start, decl, isAssign, cmds, _src[start..endPos].TrimEnd());
        }
    }

    private Node ParseOperand()
    {
        var tok = Next();
        Node node;
        switch (tok.Kind)
        {
            case TokenKind.Field:
            {
                var names = new List<string> { tok.Value };
                var end = tok.Pos + tok.Value.Length + 1;
                while (Peek.Kind == TokenKind.Field && Peek.Pos == end) { names.Add(Peek.Value); end += Peek.Value.Length + 1; Next(); }
                return new FieldNode(tok.Pos, names.ToArray(), _src[tok.Pos..end]);
            }
            case TokenKind.Variable:
            {
                if (!_vars.Contains(tok.Value)) throw Error($"undefined variable \"{tok.Value}\"", tok.Pos);
                var (fields, end) = TrailingFields(tok.Pos + tok.Value.Length);
                return new VariableNode(tok.Pos, tok.Value, fields, _src[tok.Pos..end]);
            }
            case TokenKind.Dot: node = new DotNode(tok.Pos); break;
            case TokenKind.Nil: node = new NilNode(tok.Pos); break;
            case TokenKind.Bool: node = new ConstNode(tok.Pos, TemplateValue.Bool(tok.Value == "true"), tok.Value); break;
            case TokenKind.String:
            case TokenKind.RawString:
                node = new ConstNode(tok.Pos, TemplateValue.String(tok.Value), tok.Value); break;
            case TokenKind.Char:
                node = new ConstNode(tok.Pos, TemplateValue.Int(char.ConvertToUtf32(tok.Value, 0)), tok.Value); break;
            case TokenKind.Number: node = new ConstNode(tok.Pos, ParseNumber(tok), tok.Value); break;
            case TokenKind.Identifier:
                if (!_isFunction(tok.Value)) throw Error($"function \"{tok.Value}\" not defined", tok.Pos);
                node = new IdentifierNode(tok.Pos, tok.Value); break;
            case TokenKind.LeftParen:
            {
                var pipe = ParsePipeline("parenthesized pipeline", allowDecl: true, allowTwoVars: false, TokenKind.RightParen);
                var closeEnd = _t[_i - 1].Pos + 1;
                var (fields, end) = TrailingFields(closeEnd);
                return fields.Length == 0 ? pipe : new ChainNode(tok.Pos, pipe, fields, _src[tok.Pos..end]);
            }
            case TokenKind.Eof: throw Error("unclosed action", tok.Pos);
            default: throw Error($"unexpected {Describe(tok)} in operand", tok.Pos);
        }
        if (Peek.Kind == TokenKind.Field && Peek.Pos == EndOf(tok))
        {
            if (node is DotNode) throw Error("unexpected . after term \".\"", Peek.Pos);
            var (fields, end) = TrailingFields(EndOf(tok));
            return new ChainNode(tok.Pos, node, fields, _src[tok.Pos..end]);
        }
        return node;
    }

    private int EndOf(Token t) => t.Kind switch
    {
        TokenKind.String => _src.IndexOf('"', t.Pos + 1) + 1,
        _ => t.Pos + t.Value.Length,
    };

    private (string[], int) TrailingFields(int end)
    {
        var names = new List<string>();
        while (Peek.Kind == TokenKind.Field && Peek.Pos == end) { names.Add(Peek.Value); end += Peek.Value.Length + 1; Next(); }
        return (names.ToArray(), end);
    }

    private TemplateValue ParseNumber(Token tok)
    {
        var text = tok.Value.Replace("_", "");
        var neg = text.StartsWith('-');
        var body = text.TrimStart('+', '-');
        var isHex = body.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        try
        {
            if (isHex) return TemplateValue.Int((neg ? -1 : 1) * Convert.ToInt64(body[2..], 16));
            if (body.StartsWith("0b", StringComparison.OrdinalIgnoreCase)) return TemplateValue.Int((neg ? -1 : 1) * Convert.ToInt64(body[2..], 2));
            if (body.StartsWith("0o", StringComparison.OrdinalIgnoreCase)) return TemplateValue.Int((neg ? -1 : 1) * Convert.ToInt64(body[2..], 8));
            if (body.IndexOfAny(['.', 'e', 'E', 'p', 'P']) < 0)
            {
                if (body.Length > 1 && body[0] == '0') return TemplateValue.Int((neg ? -1 : 1) * Convert.ToInt64(body, 8));
                return TemplateValue.Int(long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
            }
            return TemplateValue.Float(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            throw Error($"bad number syntax: \"{tok.Value}\"", tok.Pos);
        }
    }
}
