namespace Berth.Cli.Formatting;

// The parse tree. Positions are byte offsets into the source, used for Go-style
// "line:col" error locations; Text is the source slice shown in "at <...>".

internal abstract record Node(int Pos);

internal sealed record ListNode(int Pos, List<Node> Nodes) : Node(Pos);

internal sealed record TextNode(int Pos, string Text) : Node(Pos);

internal sealed record ActionNode(int Pos, PipeNode Pipe) : Node(Pos);

internal enum BranchKind { If, With, Range }

internal sealed record BranchNode(int Pos, BranchKind Kind, PipeNode Pipe, ListNode List, ListNode? Else) : Node(Pos);

internal sealed record BreakNode(int Pos) : Node(Pos);

internal sealed record ContinueNode(int Pos) : Node(Pos);

/// <param name="IsAssign">true for "$x = v" (assign existing), false for ":=" (declare).</param>
internal sealed record PipeNode(int Pos, List<string> Decl, bool IsAssign, List<CommandNode> Cmds, string Text) : Node(Pos);

internal sealed record CommandNode(int Pos, List<Node> Args, string Text) : Node(Pos);

internal sealed record FieldNode(int Pos, string[] Names, string Text) : Node(Pos);

internal sealed record VariableNode(int Pos, string Name, string[] Fields, string Text) : Node(Pos);

/// <summary>Field access on a parenthesised pipeline, e.g. (index .A 0).Name.</summary>
internal sealed record ChainNode(int Pos, Node Target, string[] Fields, string Text) : Node(Pos);

internal sealed record DotNode(int Pos) : Node(Pos);

internal sealed record NilNode(int Pos) : Node(Pos);

internal sealed record IdentifierNode(int Pos, string Name) : Node(Pos);

internal sealed record ConstNode(int Pos, TemplateValue Value, string Text) : Node(Pos);
