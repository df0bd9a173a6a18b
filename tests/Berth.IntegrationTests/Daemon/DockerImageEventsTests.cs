using System.Formats.Tar;
using System.Globalization;
using System.Text.Json;
using Berth.IntegrationTests.Infrastructure;

namespace Berth.IntegrationTests.Daemon;

// `docker events` against a Berth daemon: the image operations' events, their order, shapes and filters.
// The window is closed with --until, so the CLI replays the daemon's history and exits: no waiting on a stream.
public sealed class DockerImageEventsTests
{
    private const string FixtureId = "sha256:b632095fa5ab3887f1e7dee5087581597bb7870b07616b39dd6cff87c2f72c60";
    private static readonly string Fixture = RepoPaths.FixtureScript("docker-20.10-save-3layers.tar");

    private static CommandResult Docker(DaemonProcess d, params string[] args) => d.Client(DockerCli.Require(), args);

    private static string Now() =>
        ((DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks / 10_000_000.0).ToString("F6", CultureInfo.InvariantCulture);

    private sealed record Event(string Type, string Action, string Id, Dictionary<string, string> Attributes);

    private static List<Event> Events(DaemonProcess d, string since, string until, params string[] filters)
    {
        var output = Docker(d, ["events", "--format", "{{json .}}", "--since", since, "--until", until, .. filters]).EnsureSuccess();
        return output.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            var root = JsonDocument.Parse(line).RootElement;
            var actor = root.GetProperty("Actor");
            var attributes = actor.GetProperty("Attributes").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
            return new Event(root.GetProperty("Type").GetString()!, root.GetProperty("Action").GetString()!,
                actor.GetProperty("ID").GetString()!, attributes);
        }).ToList();
    }

    private static string WriteRootfsTar(DaemonProcess d)
    {
        var tar = Path.Combine(d.Dir, "rootfs.tar");
        using var file = File.Create(tar);
        using var writer = new TarWriter(file, TarEntryFormat.Pax);
        writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "hello") { DataStream = new MemoryStream("hi\n"u8.ToArray()) });
        return tar;
    }

    [SkippableFact]
    public void Load_tag_rmi_import_and_save_publish_their_events_in_order()
    {
        DockerCli.Require();
        using var d = new DaemonProcess();
        var since = Now();

        Docker(d, "load", "-i", Fixture).EnsureSuccess();
        Docker(d, "tag", "fixture:2layers", "other:v1").EnsureSuccess();
        Docker(d, "rmi", "other:v1").EnsureSuccess();
        Docker(d, "save", "-o", Path.Combine(d.Dir, "saved.tar"), "fixture:2layers").EnsureSuccess();
        Docker(d, "rmi", "fixture:2layers").EnsureSuccess();
        var imported = Docker(d, "import", WriteRootfsTar(d), "imp").EnsureSuccess().Stdout.Trim();
        var events = Events(d, since, Now());

        Assert.All(events, e => Assert.Equal("image", e.Type));
        Assert.Equal(["load", "tag", "untag", "save", "untag", "delete", "tag", "import"], events.Select(e => e.Action));
        Assert.Equal([FixtureId, FixtureId, FixtureId, FixtureId, FixtureId, FixtureId, imported, imported], events.Select(e => e.Id));
        Assert.Equal(FixtureId, events[0].Attributes["name"]);
        Assert.Equal("other:v1", events[1].Attributes["name"]);
        Assert.Equal("imp:latest", events[6].Attributes["name"]);
        Assert.Equal(imported, events[7].Attributes["name"]);
    }

    [SkippableFact]
    public void Type_and_event_filters_keep_only_the_tags()
    {
        DockerCli.Require();
        using var d = new DaemonProcess();
        var since = Now();
        Docker(d, "load", "-i", Fixture).EnsureSuccess();
        Docker(d, "tag", "fixture:2layers", "a:1").EnsureSuccess();
        Docker(d, "tag", "fixture:2layers", "b:2").EnsureSuccess();
        Docker(d, "rmi", "a:1").EnsureSuccess();
        var until = Now();

        var tags = Events(d, since, until, "--filter", "type=image", "--filter", "event=tag");
        Assert.Equal(["a:1", "b:2"], tags.Select(e => e.Attributes["name"]));
        Assert.All(tags, e => Assert.Equal(FixtureId, e.Id));

        var byImage = Events(d, since, until, "--filter", "image=b");
        Assert.Equal(["tag"], byImage.Select(e => e.Action));
        Assert.Empty(Events(d, since, until, "--filter", "type=container"));
    }

    [SkippableFact]
    public void Prune_deletes_the_dangling_import_then_reports_what_it_reclaimed()
    {
        DockerCli.Require();
        using var d = new DaemonProcess();
        var imported = Docker(d, "import", WriteRootfsTar(d)).EnsureSuccess().Stdout.Trim();
        var since = Now();
        Docker(d, "image", "prune", "-f").EnsureSuccess();

        var events = Events(d, since, Now());
        Assert.Equal(["delete", "prune"], events.Select(e => e.Action));
        Assert.Equal(imported, events[0].Id);
        Assert.Equal("", events[1].Id);
        Assert.True(long.Parse(events[1].Attributes["reclaimed"], CultureInfo.InvariantCulture) > 0);
    }
}
