namespace Berth.Runtime.Logs;

// One line of a json-file log: the text (with its newline unless it was a partial line), stdout or stderr, and when.
public sealed record LogEntry(string Log, string Stream, DateTime Time, string TimeText);
