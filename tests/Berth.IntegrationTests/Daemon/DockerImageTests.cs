using System.Formats.Tar;
using Berth.IntegrationTests.Infrastructure;

namespace Berth.IntegrationTests.Daemon;

// The real docker CLI's image commands against a daemon of their own per test (fresh data root and socket).
public sealed class DockerImageTests
{
    private const string FixtureId = "sha256:b632095fa5ab3887f1e7dee5087581597bb7870b07616b39dd6cff87c2f72c60";
    private static readonly string Fixture = RepoPaths.FixtureScript("docker-20.10-save-3layers.tar");

    private static CommandResult Docker(DaemonProcess d, params string[] args) => d.Client(DockerCli.Require(), args);

    private static DaemonProcess WithFixture()
    {
        DockerCli.Require();
        var d = new DaemonProcess();
        var load = Docker(d, "load", "-i", Fixture).EnsureSuccess();
        Assert.Contains("Loaded image: fixture:2layers", load.Stdout);
        return d;
    }

    [SkippableFact]
    public void Load_then_images_inspect_and_info_show_the_fixture()
    {
        using var d = WithFixture();

        var images = Docker(d, "images").EnsureSuccess();
        Assert.Matches(@"fixture\s+2layers\s+b632095fa5ab\s", images.Stdout);
        var id = Docker(d, "image", "inspect", "fixture:2layers", "--format", "{{.Id}}").EnsureSuccess();
        Assert.Equal(FixtureId, id.Stdout.Trim());
        var layers = Docker(d, "image", "inspect", "fixture:2layers", "--format", "{{range .RootFS.Layers}}{{.}} {{end}}").EnsureSuccess();
        Assert.Equal(
            "sha256:55dacc42bcb9fa8afa6e2cb3e91cbe33d9b928e31d2d52aa15eec78101fc0629 " +
            "sha256:93957e3c7fdba10bb734bdc7a3249014fda87c115f7c321649bd079dd4a33490 " +
            "sha256:3e621c545f470f0226392e59a18b1cdebe9df30573348aa726bde6dc284559ea",
            layers.Stdout.Trim());
        Assert.Contains("Images: 1", Docker(d, "info").EnsureSuccess().Stdout);
    }

    [SkippableFact]
    public void Tag_with_a_registry_path_then_rmi_untags_it()
    {
        using var d = WithFixture();

        Docker(d, "tag", "fixture:2layers", "localhost:5000/x/y:t").EnsureSuccess();
        var id = Docker(d, "image", "inspect", "localhost:5000/x/y:t", "--format", "{{.Id}}").EnsureSuccess();
        Assert.Equal(FixtureId, id.Stdout.Trim());
        var rmi = Docker(d, "rmi", "localhost:5000/x/y:t").EnsureSuccess();
        Assert.Equal("Untagged: localhost:5000/x/y:t", rmi.Stdout.Trim());
        Assert.Equal(FixtureId, Docker(d, "image", "inspect", "fixture:2layers", "--format", "{{.Id}}").EnsureSuccess().Stdout.Trim());
    }

    [SkippableFact]
    public void History_lists_every_step_top_first()
    {
        using var d = WithFixture();

        var history = Docker(d, "history", "fixture:2layers").EnsureSuccess();
        var lines = history.Stdout.Trim().Split('\n');
        Assert.StartsWith("IMAGE", lines[0]);
        Assert.StartsWith("b632095fa5ab", lines[1]);
        Assert.Contains("CMD [\"cat\"", lines[1]);
        Assert.Equal(6, lines.Length);
    }

    [SkippableFact]
    public void Save_rmi_and_load_again_gives_the_same_id()
    {
        using var d = WithFixture();

        var saved = Path.Combine(d.Dir, "x.tar");
        Docker(d, "save", "fixture:2layers", "-o", saved).EnsureSuccess();
        var rmi = Docker(d, "rmi", "fixture:2layers").EnsureSuccess();
        Assert.Contains($"Deleted: {FixtureId}", rmi.Stdout);
        Assert.Contains("Loaded image: fixture:2layers", Docker(d, "load", "-i", saved).EnsureSuccess().Stdout);
        Assert.Equal(FixtureId, Docker(d, "image", "inspect", "fixture:2layers", "--format", "{{.Id}}").EnsureSuccess().Stdout.Trim());
    }

    [SkippableFact]
    public void Import_with_a_change_sets_the_command()
    {
        DockerCli.Require();
        using var d = new DaemonProcess();
        var tar = Path.Combine(d.Dir, "rootfs.tar");
        using (var file = File.Create(tar))
        using (var writer = new TarWriter(file, TarEntryFormat.Pax))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, "hello") { DataStream = new MemoryStream("hi\n"u8.ToArray()) };
            writer.WriteEntry(entry);
        }

        var import = Docker(d, "import", "-c", "CMD [\"sh\"]", tar, "imp:1").EnsureSuccess();
        Assert.Matches("^sha256:[0-9a-f]{64}$", import.Stdout.Trim());
        var cmd = Docker(d, "image", "inspect", "imp:1", "--format", "{{json .Config.Cmd}}").EnsureSuccess();
        Assert.Equal("[\"sh\"]", cmd.Stdout.Trim());
    }

    [SkippableFact]
    public void System_df_counts_the_loaded_image()
    {
        using var d = WithFixture();

        var df = Docker(d, "system", "df").EnsureSuccess();
        Assert.Matches(@"Images\s+1\s+0\s", df.Stdout);
        Assert.Matches(@"Containers\s+0\s+0\s", df.Stdout);
    }

    [SkippableFact]
    public void Inspect_of_an_unknown_image_fails_with_no_such_image()
    {
        DockerCli.Require();
        using var d = new DaemonProcess();

        var r = Docker(d, "image", "inspect", "nope");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("No such image: nope", r.Stderr);
    }
}
