namespace Berth.Cli.Formatting;

/// <summary>A parse or execution failure; <see cref="Exception.Message"/> follows Go's
/// text/template wording ("template: :1:2: ...") so docker users see familiar text.</summary>
public sealed class TemplateException(string message) : Exception(message);
