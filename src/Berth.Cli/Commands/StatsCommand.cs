using System.Collections.Concurrent;
using System.Text;
using Berth.Cli.Formatting;
using Berth.Cli.Formatting.Rows;
using Berth.Cli.Support;
using Berth.Client;

namespace Berth.Cli.Commands;

// `berth stats [CONTAINER...]`: docker's live table of resource use, redrawn in place twice a second, or printed
// once with --no-stream. Without names it follows the running containers (all of them with -a).
public static class StatsCommand
{
    private static readonly TimeSpan Redraw = TimeSpan.FromMilliseconds(500);

    private sealed class Watched(string container)
    {
        public string Container { get; } = container;
        public volatile StatsEntry Entry = StatsEntry.Empty();
        public volatile bool Invalid;
        public volatile string? Error;
        public readonly TaskCompletionSource FirstSample = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, CancellationToken cancel)
    {
        var f = new FlagParser("berth stats").Bool("all", "a").Bool("no-stream").Bool("no-trunc").Value("format").Parse(args);
        var noStream = f.Flag("no-stream");
        var noTrunc = f.Flag("no-trunc");
        var format = f.Last("format");
        var named = f.Arguments.Count > 0;
        using var client = await DaemonConnector.ConnectAsync(context, cancel);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var watched = new ConcurrentDictionary<string, Watched>(StringComparer.Ordinal);
        var order = new List<string>();

        void Watch(string container)
        {
            var w = new Watched(container);
            if (!watched.TryAdd(container, w)) return;
            lock (order) order.Add(container);
            _ = Task.Run(() => Follow(client, w, !noStream, stop.Token));
        }

        async Task RefreshList()
        {
            var running = await client.ListContainersAsync(f.Flag("all"), null, false, null, cancel);
            // docker names listed containers by their short ID in the CONTAINER column.
            var ids = running.Select(c => c.Id[..Math.Min(12, c.Id.Length)]).ToHashSet(StringComparer.Ordinal);
            foreach (var id in ids) Watch(id);
            lock (order)
                foreach (var gone in order.Where(id => !ids.Contains(id)).ToList())
                {
                    order.Remove(gone);
                    watched.TryRemove(gone, out _);
                }
        }

        if (named)
        {
            // docker checks every name first and reports the missing ones before drawing anything.
            foreach (var name in f.Arguments) await client.InspectContainerAsync(name, cancel: cancel);
            foreach (var name in f.Arguments) Watch(name);
        }
        else await RefreshList();

        try
        {
            // As docker, nothing is drawn before every container has its first sample (or its error).
            await Task.WhenAll(watched.Values.Select(w => w.FirstSample.Task));
            if (noStream)
            {
                var failed = watched.Values.FirstOrDefault(w => w.Error is not null);
                if (named && failed is not null) throw new CommandFailedException(failed.Error!);
                await context.Out.WriteAsync(Render(format, watched, order, noTrunc));
                return 0;
            }
            for (var tick = 0; !cancel.IsCancellationRequested; tick++)
            {
                await context.Out.WriteAsync(Frame(Render(format, watched, order, noTrunc)));
                await context.Out.FlushAsync(cancel);
                if (named && watched.Values.All(w => w.Error is not null))
                    throw new CommandFailedException(watched.Values.First().Error!);
                await Task.Delay(Redraw, cancel);
                if (!named && tick % 2 == 1) await RefreshList();
            }
            return 0;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return 0;
        }
        finally
        {
            stop.Cancel();
        }
    }

    // The bytes docker 28 writes per redraw: cursor home and the table, then the same text again with each line
    // followed by " ESC[K" (erase to the end of the line) and a final ESC[J (erase below), so a shorter table
    // leaves nothing of the previous one on a terminal.
    internal static string Frame(string table)
    {
        var first = "\u001b[H" + table;
        var frame = new StringBuilder(first);
        foreach (var line in first.Split('\n')) frame.Append(line).Append(" \u001b[K\n");
        return frame.Append("\u001b[J").ToString();
    }

    private static string Render(string? format, ConcurrentDictionary<string, Watched> watched, List<string> order, bool noTrunc)
    {
        List<Watched> rows;
        lock (order) rows = order.Select(id => watched.TryGetValue(id, out var w) ? w : null).OfType<Watched>().ToList();
        return Formatter.Render(format, rows.Select(w => StatsRows.Row(w.Container, w.Entry, noTrunc, w.Invalid)), StatsRows.Headers, StatsRows.DefaultTable);
    }

    private static async Task Follow(BerthClient client, Watched w, bool stream, CancellationToken cancel)
    {
        try
        {
            await foreach (var sample in client.GetContainerStatsAsync(w.Container, stream, oneShot: false, cancel))
            {
                w.Entry = StatsEntry.From(sample);
                w.Invalid = false;
                w.FirstSample.TrySetResult();
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested) { }
        catch (Exception e) when (e is ClientException or IOException or HttpRequestException)
        {
            w.Error = e is ClientException { Status: > 0 } ? $"Error response from daemon: {e.Message}" : e.Message;
            w.Invalid = true;
        }
        finally
        {
            w.FirstSample.TrySetResult();
        }
    }
}
