namespace Berth.Storage.Archive;

// A layer tar that is malformed, unsupported or hostile. The message is the one
// line a user sees ("layer entry "../x" has a ".." component ...").
public sealed class InvalidLayerException(string message, Exception? inner = null) : Exception(message, inner);
