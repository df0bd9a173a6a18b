using System.Text;

namespace Berth.Cli.Formatting;

/// <summary>Walks a parse tree against a value, with Go text/template semantics.</summary>
internal sealed class Executor
{
    private enum Flow { Normal, Break, Continue }

    private readonly string _src;
    private readonly IReadOnlyDictionary<string, TemplateFunction> _funcs;
    private readonly StringBuilder _out;
    private readonly List<(string Name, TemplateValue Value)> _vars = [];

    private Executor(string src, IReadOnlyDictionary<string, TemplateFunction> funcs, StringBuilder output)
    {
        _src = src;
        _funcs = funcs;
        _out = output;
    }

    /// <summary>Runs the template; output produced before an error stays in <paramref name="output"/>
    /// (docker relies on that when it ignores header errors).</summary>
    public static void Execute(string src, ListNode root, TemplateValue data,
        IReadOnlyDictionary<string, TemplateFunction> funcs, StringBuilder output)
    {
        var e = new Executor(src, funcs, output);
        e._vars.Add(("$", data));
        e.Walk(data, root);
    }

    private TemplateException Error(Node at, string atText, string msg)
    {
        var before = _src[..Math.Min(at.Pos, _src.Length)];
        var nl = before.LastIndexOf('\n');
        var line = 1 + before.Count(c => c == '\n');
        var col = nl < 0 ? at.Pos : at.Pos - nl - 1;
        return new TemplateException($"template: :{line}:{col}: executing \"\" at <{atText}>: {msg}");
    }

    private Flow Walk(TemplateValue dot, Node node)
    {
        switch (node)
        {
            case ListNode list:
                foreach (var n in list.Nodes)
                {
                    var f = Walk(dot, n);
                    if (f != Flow.Normal) return f;
                }
                return Flow.Normal;
            case TextNode t:
                _out.Append(t.Text);
                return Flow.Normal;
            case ActionNode a:
            {
                var v = EvalPipeline(dot, a.Pipe);
                if (a.Pipe.Decl.Count == 0) _out.Append(GoPrint.Sprint(v));
                return Flow.Normal;
            }
            case BranchNode b:
                return b.Kind == BranchKind.Range ? WalkRange(dot, b) : WalkIfOrWith(dot, b);
            case BreakNode: return Flow.Break;
            case ContinueNode: return Flow.Continue;
            default: throw new InvalidOperationException("unknown node");
        }
    }

    private Flow WalkIfOrWith(TemplateValue dot, BranchNode b)
    {
        var mark = _vars.Count;
        try
        {
            var v = EvalPipeline(dot, b.Pipe);
            if (v.IsTrue) return Walk(b.Kind == BranchKind.With ? v : dot, b.List);
            return b.Else is null ? Flow.Normal : Walk(dot, b.Else);
        }
        finally { _vars.RemoveRange(mark, _vars.Count - mark); }
    }

    private Flow WalkRange(TemplateValue dot, BranchNode b)
    {
        var mark = _vars.Count;
        try
        {
            // The declared variables receive each element, not the ranged-over value.
            var v = EvalPipelineNoDecl(dot, b.Pipe);
            var items = new List<(TemplateValue Key, TemplateValue Value)>();
            switch (v.Kind)
            {
                case TemplateKind.List:
                    for (var i = 0; i < v.AsList.Count; i++) items.Add((TemplateValue.Int(i), v.AsList[i]));
                    break;
                case TemplateKind.Map:
                    foreach (var k in v.AsObject.Keys.Order(StringComparer.Ordinal))
                    {
                        v.AsObject.TryGet(k, out var item);
                        items.Add((TemplateValue.String(k), item));
                    }
                    break;
                case TemplateKind.Int:
                    if (b.Pipe.Decl.Count > 1) throw Error(b, b.Pipe.Text, "can't use " + v.AsInt + " to iterate over more than one variable");
                    for (long i = 0; i < v.AsInt; i++) items.Add((TemplateValue.Int(i), TemplateValue.Int(i)));
                    break;
                case TemplateKind.NoValue:
                case TemplateKind.Null:
                    break;
                default:
                    throw Error(b, b.Pipe.Text, $"range can't iterate over {GoPrint.Sprint(v)}");
            }
            if (items.Count == 0) return b.Else is null ? Flow.Normal : Walk(dot, b.Else);
            foreach (var (key, value) in items)
            {
                var iterMark = _vars.Count;
                if (b.Pipe.Decl.Count == 1) SetVar(b.Pipe, b.Pipe.Decl[0], value);
                else if (b.Pipe.Decl.Count == 2)
                {
                    SetVar(b.Pipe, b.Pipe.Decl[0], key);
                    SetVar(b.Pipe, b.Pipe.Decl[1], value);
                }
                var flow = Walk(value, b.List);
                _vars.RemoveRange(iterMark, _vars.Count - iterMark);
                if (flow == Flow.Break) break;
            }
            return Flow.Normal;
        }
        finally { _vars.RemoveRange(mark, _vars.Count - mark); }
    }

    private void SetVar(PipeNode pipe, string name, TemplateValue value)
    {
        if (pipe.IsAssign)
        {
            for (var i = _vars.Count - 1; i >= 0; i--)
                if (_vars[i].Name == name) { _vars[i] = (name, value); return; }
            throw Error(pipe, pipe.Text, $"undefined variable: {name}");
        }
        _vars.Add((name, value));
    }

    private TemplateValue EvalPipeline(TemplateValue dot, PipeNode pipe)
    {
        var v = EvalPipelineNoDecl(dot, pipe);
        foreach (var d in pipe.Decl) SetVar(pipe, d, v);
        return v;
    }

    private TemplateValue EvalPipelineNoDecl(TemplateValue dot, PipeNode pipe)
    {
        TemplateValue? final = null;
        foreach (var cmd in pipe.Cmds) final = EvalCommand(dot, cmd, final);
        return final!;
    }

    private TemplateValue EvalCommand(TemplateValue dot, CommandNode cmd, TemplateValue? final)
    {
        var first = cmd.Args[0];
        var rest = cmd.Args.Skip(1).ToList();
        switch (first)
        {
            case FieldNode f:
                return EvalFieldChain(dot, dot, f, f.Text, f.Names, rest, final);
            case VariableNode v:
            {
                var value = LookupVar(v);
                if (v.Fields.Length == 0)
                {
                    NotAFunction(first, v.Text, rest, final);
                    return value;
                }
                return EvalFieldChain(dot, value, v, v.Text, v.Fields, rest, final);
            }
            case ChainNode c:
                return EvalFieldChain(dot, EvalArg(dot, c.Target), c, c.Text, c.Fields, rest, final);
            case IdentifierNode id:
                return CallFunction(dot, id, cmd, rest, final);
            case PipeNode p:
                NotAFunction(first, p.Text, rest, final);
                return EvalPipeline(dot, p);
        }
        var text = first is ConstNode k ? k.Text : first is NilNode ? "nil" : ".";
        NotAFunction(first, text, rest, final);
        if (first is NilNode) throw Error(first, "nil", "nil is not a command");
        return EvalArg(dot, first);
    }

    private void NotAFunction(Node node, string text, List<Node> args, TemplateValue? final)
    {
        if (args.Count > 0 || final is not null) throw Error(node, text, $"can't give argument to non-function {text}");
    }

    private TemplateValue LookupVar(VariableNode v)
    {
        for (var i = _vars.Count - 1; i >= 0; i--)
            if (_vars[i].Name == v.Name) return _vars[i].Value;
        throw Error(v, v.Text, $"undefined variable: {v.Name}");
    }

    private TemplateValue EvalFieldChain(TemplateValue dot, TemplateValue receiver, Node node, string text,
        string[] names, List<Node> args, TemplateValue? final)
    {
        for (var i = 0; i < names.Length - 1; i++)
            receiver = EvalField(dot, names[i], node, text, [], null, receiver);
        return EvalField(dot, names[^1], node, text, args, final, receiver);
    }

    private TemplateValue EvalField(TemplateValue dot, string name, Node node, string text, List<Node> args,
        TemplateValue? final, TemplateValue receiver)
    {
        var hasArgs = args.Count > 0 || final is not null;
        switch (receiver.Kind)
        {
            case TemplateKind.Object:
            case TemplateKind.Map:
            {
                var obj = receiver.AsObject;
                if (obj.TryGet(name, out var value))
                {
                    if (value.Kind == TemplateKind.Method)
                    {
                        var argv = args.Select(a => EvalArg(dot, a)).ToList();
                        if (final is not null) argv.Add(final);
                        // A CLI-supplied method reports failure with TemplateException.
                        try { return value.AsMethod(argv); }
                        catch (Exception e) when (e is FunctionException or TemplateException) { throw Error(node, text, $"error calling {name}: {e.Message}"); }
                    }
                    if (hasArgs)
                        throw Error(node, text, obj.IsMap ? $"{name} is not a method but has arguments" : $"{name} has arguments but cannot be invoked as function");
                    return value;
                }
                if (obj.IsMap)
                {
                    if (hasArgs) throw Error(node, text, $"{name} is not a method but has arguments");
                    return TemplateValue.NoValue;
                }
                throw Error(node, text, $"can't evaluate field {name} in type {obj.TypeName}");
            }
            case TemplateKind.NoValue:
                return TemplateValue.NoValue;
            case TemplateKind.Null:
                throw Error(node, text, $"nil pointer evaluating interface {{}}.{name}");
            default:
                throw Error(node, text, $"can't evaluate field {name} in type {GoPrint.TypeName(receiver)}");
        }
    }

    private TemplateValue CallFunction(TemplateValue dot, IdentifierNode id, CommandNode cmd, List<Node> args, TemplateValue? final)
    {
        if (!_funcs.TryGetValue(id.Name, out var fn)) throw Error(id, id.Name, $"\"{id.Name}\" is not a defined function");
        // and/or stop evaluating at the first argument that decides the result, as Go 1.18+ does.
        if (id.Name is "and" or "or")
        {
            var all = args.Count + (final is null ? 0 : 1);
            if (all < 1) throw Error(id, id.Name, $"wrong number of args for {id.Name}: want at least 1 got 0");
            TemplateValue last = TemplateValue.NoValue;
            for (var i = 0; i < all; i++)
            {
                last = i < args.Count ? EvalArg(dot, args[i]) : final!;
                if (last.IsTrue == (id.Name == "or")) return last;
            }
            return last;
        }
        var argv = args.Select(a => EvalArg(dot, a)).ToList();
        if (final is not null) argv.Add(final);
        try { return fn(argv); }
        catch (FunctionException e)
        {
            if (e.Message.StartsWith("wrong number of args", StringComparison.Ordinal)) throw Error(id, id.Name, e.Message);
            throw Error(cmd, cmd.Text, $"error calling {id.Name}: {e.Message}");
        }
    }

    private TemplateValue EvalArg(TemplateValue dot, Node n) => n switch
    {
        DotNode => dot,
        NilNode => TemplateValue.Null,
        ConstNode c => c.Value,
        FieldNode f => EvalFieldChain(dot, dot, f, f.Text, f.Names, [], null),
        VariableNode v => v.Fields.Length == 0 ? LookupVar(v) : EvalFieldChain(dot, LookupVar(v), v, v.Text, v.Fields, [], null),
        ChainNode c => EvalFieldChain(dot, EvalArg(dot, c.Target), c, c.Text, c.Fields, [], null),
        PipeNode p => EvalPipeline(dot, p),
        IdentifierNode id => CallFunction(dot, id, new CommandNode(id.Pos, [id], id.Name), [], null),
        _ => throw new InvalidOperationException("unknown argument node"),
    };
}
