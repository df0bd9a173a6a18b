using System.Text;
using Berth.Runtime.Logs;

namespace Berth.Runtime.Tests.Logs;

public sealed class JsonFileLogTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("berth-logs-").FullName;
    private long _ticks = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc).Ticks;

    private string LogPath => Path.Combine(_dir, "c-json.log");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private JsonFileLogWriter Writer(long maxSize = 0, int maxFiles = 1) =>
        new(LogPath, maxSize, maxFiles, () => new DateTime(_ticks += 10, DateTimeKind.Utc));

    private async Task<List<LogEntry>> ReadAll(LogReadOptions? options = null)
    {
        var list = new List<LogEntry>();
        await foreach (var e in JsonFileLogReader.ReadAsync(LogPath, options ?? new LogReadOptions())) list.Add(e);
        return list;
    }

    [Fact]
    public void Lines_are_written_as_docker_json_file_entries()
    {
        using (var w = Writer())
        {
            w.Write("stdout", "hello\nwor"u8);
            w.Write("stderr", "oops\n"u8);
            w.Write("stdout", "ld <&>\n"u8);
        }
        var lines = File.ReadAllLines(LogPath);
        Assert.Equal(3, lines.Length);
        Assert.Equal("""{"log":"hello\n","stream":"stdout","time":"2026-01-02T03:04:05.000001Z"}""", lines[0]);
        Assert.StartsWith("""{"log":"oops\n","stream":"stderr","time":"2026-01-02T03:04:05.000002Z"}""", lines[1]);
        Assert.StartsWith("""{"log":"world <&>\n","stream":"stdout",""", lines[2]);
    }

    [Fact]
    public async Task A_partial_line_is_written_when_the_stream_ends_and_long_lines_split_at_16_KiB()
    {
        using (var w = Writer())
        {
            w.Write("stdout", Encoding.ASCII.GetBytes(new string('x', JsonFileLogWriter.MaxLineBytes + 10) + "\nend"));
        }
        var entries = await ReadAll();
        Assert.Equal(3, entries.Count);
        Assert.Equal(new string('x', JsonFileLogWriter.MaxLineBytes), entries[0].Log);
        Assert.Equal("xxxxxxxxxx\n", entries[1].Log);
        Assert.Equal("end", entries[2].Log);
    }

    [Fact]
    public async Task Rotation_keeps_max_file_minus_one_old_files_and_reads_in_order()
    {
        using (var w = Writer(maxSize: 200, maxFiles: 3))
        {
            for (var i = 0; i < 20; i++) w.Write("stdout", Encoding.ASCII.GetBytes($"line {i}\n"));
        }
        Assert.True(File.Exists(LogPath + ".1"));
        Assert.True(File.Exists(LogPath + ".2"));
        Assert.False(File.Exists(LogPath + ".3"));
        Assert.All(new[] { LogPath, LogPath + ".1" }, f => Assert.True(new FileInfo(f).Length >= 200 || f == LogPath));
        var logs = (await ReadAll()).Select(e => e.Log).ToList();
        Assert.Equal("line 19\n", logs[^1]);
        var first = int.Parse(logs[0]["line ".Length..].Trim());
        Assert.Equal(Enumerable.Range(first, 20 - first).Select(i => $"line {i}\n"), logs);
        Assert.True(first > 0);
    }

    [Fact]
    public async Task Max_file_one_truncates_instead_of_keeping_old_files()
    {
        using (var w = Writer(maxSize: 100, maxFiles: 1))
        {
            for (var i = 0; i < 10; i++) w.Write("stdout", Encoding.ASCII.GetBytes($"line {i}\n"));
        }
        Assert.False(File.Exists(LogPath + ".1"));
        var logs = (await ReadAll()).Select(e => e.Log).ToList();
        Assert.Equal("line 9\n", logs[^1]);
        Assert.True(logs.Count < 10);
    }

    [Fact]
    public async Task Tail_streams_since_and_until_select_entries()
    {
        using (var w = Writer())
        {
            for (var i = 0; i < 6; i++) w.Write(i % 2 == 0 ? "stdout" : "stderr", Encoding.ASCII.GetBytes($"{i}\n"));
        }
        var all = await ReadAll();
        Assert.Equal(["4\n", "5\n"], (await ReadAll(new LogReadOptions { Tail = 2 })).Select(e => e.Log));
        Assert.Equal(["0\n", "2\n", "4\n"], (await ReadAll(new LogReadOptions { Stderr = false })).Select(e => e.Log));
        Assert.Equal(["5\n"], (await ReadAll(new LogReadOptions { Tail = 2, Stdout = false })).Select(e => e.Log));
        Assert.Equal(["2\n", "3\n"], (await ReadAll(new LogReadOptions { Since = all[2].Time, Until = all[3].Time })).Select(e => e.Log));
        Assert.Empty(await ReadAll(new LogReadOptions { Tail = 0 }));
    }

    [Fact]
    public async Task Follow_sees_new_lines_across_a_rotation_and_ends_when_the_container_exits()
    {
        var exited = new TaskCompletionSource();
        // One rotation during the burst: a second would drop a file the reader never saw, as in Docker.
        var w = Writer(maxSize: 400, maxFiles: 2);
        w.Write("stdout", "before\n"u8);
        var seen = new List<string>();
        var gotFirst = new TaskCompletionSource();
        var reading = Task.Run(async () =>
        {
            await foreach (var e in JsonFileLogReader.ReadAsync(LogPath, new LogReadOptions { Follow = true, ContainerExited = exited.Task }))
            {
                lock (seen) seen.Add(e.Log);
                gotFirst.TrySetResult();
            }
        });
        await gotFirst.Task.WaitAsync(TimeSpan.FromSeconds(30));
        for (var i = 0; i < 8; i++) w.Write("stdout", Encoding.ASCII.GetBytes($"after {i}\n"));
        w.Dispose();
        Assert.True(File.Exists(LogPath + ".1"));
        exited.SetResult();
        await reading.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(["before\n", .. Enumerable.Range(0, 8).Select(i => $"after {i}\n")], seen);
    }

    [Fact]
    public async Task Follow_stops_when_cancelled()
    {
        using (var w = Writer()) w.Write("stdout", "x\n"u8);
        using var cts = new CancellationTokenSource();
        var count = 0;
        var reading = Task.Run(async () =>
        {
            await foreach (var _ in JsonFileLogReader.ReadAsync(LogPath, new LogReadOptions { Follow = true }, cts.Token))
            {
                count++;
                cts.Cancel();
            }
        });
        await reading.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, count);
    }

    [Theory]
    [InlineData(0L, "2026-01-02T03:04:05Z")]
    [InlineData(1234500L, "2026-01-02T03:04:05.12345Z")]
    public void Timestamps_are_rfc3339_nano_without_trailing_zeros(long ticks, string expected)
    {
        var time = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(ticks);
        Assert.Equal(expected, GoTimestamp.Format(time));
        Assert.True(GoTimestamp.TryParse("2026-01-02T03:04:05.123456789Z", out var parsed));
        Assert.Equal(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1234567), parsed);
    }
}
