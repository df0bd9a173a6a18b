using Berth.Api.Models;

namespace Berth.Cli.Support;

// Prints a JSON-message stream the way docker's jsonmessage does without a terminal: `stream` text as is,
// `status` as a line. An error message in the stream has already become an exception in the client.
public static class ProgressOutput
{
    public static async Task PrintAsync(IAsyncEnumerable<JsonMessage> messages, TextWriter output, CancellationToken cancel)
    {
        await foreach (var message in messages.WithCancellation(cancel))
        {
            if (message.Stream is { } text)
                await output.WriteAsync(text);
            else if (message.Status is { } status)
                await output.WriteLineAsync(status);
            await output.FlushAsync(cancel);
        }
    }
}
