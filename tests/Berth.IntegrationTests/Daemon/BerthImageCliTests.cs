using System.Formats.Tar;
using Berth.IntegrationTests.Infrastructure;

namespace Berth.IntegrationTests.Daemon;

// berth's image commands against a daemon of their own, checked byte for byte against what the real docker CLI
// prints for the same command on the same daemon, so a script written for docker runs unchanged with berth.
public sealed class BerthImageCliTests
{
    private const string FixtureId = "sha256:b632095fa5ab3887f1e7dee5087581597bb7870b07616b39dd6cff87c2f72c60";
    private static readonly string Fixture = RepoPaths.FixtureScript("docker-20.10-save-3layers.tar");

    private static CommandResult Docker(DaemonProcess d, params string[] args) => d.Client(DockerCli.Require(), args);

    private static CommandResult Berth(DaemonProcess d, params string[] args) => d.Client(RepoPaths.BerthBinary, ["-H", d.Host, .. args]);

    // Runs berth through a shell so that stdin or stdout can be a file of bytes.
    private static CommandResult BerthShell(DaemonProcess d, string redirectedCommand, params string[] args) =>
        Command.Run(d.Dir, "/bin/sh", ["-c", $"exec \"$0\" -H \"$1\" {redirectedCommand}", RepoPaths.BerthBinary, d.Host, .. args],
            timeout: TimeSpan.FromSeconds(30));

    private static DaemonProcess WithFixture()
    {
        DockerCli.Require();
        var d = new DaemonProcess();
        var load = Berth(d, "load", "-i", Fixture).EnsureSuccess();
        Assert.Equal("Loaded image: fixture:2layers\n", load.Stdout);
        return d;
    }

    private static void AssertSameAsDocker(DaemonProcess d, params string[] args)
    {
        var docker = Docker(d, args);
        var berth = Berth(d, args);
        Assert.True(docker.Stdout == berth.Stdout && docker.ExitCode == berth.ExitCode,
            $"berth differs from docker for `{string.Join(' ', args)}`\n{docker}\n{berth}");
    }

    [SkippableFact]
    public void Listing_history_inspect_and_df_print_what_docker_prints()
    {
        using var d = WithFixture();

        AssertSameAsDocker(d, "images");
        AssertSameAsDocker(d, "images", "-a");
        AssertSameAsDocker(d, "images", "--digests");
        AssertSameAsDocker(d, "images", "-q");
        AssertSameAsDocker(d, "images", "--no-trunc");
        AssertSameAsDocker(d, "images", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}");
        AssertSameAsDocker(d, "images", "--format", "json");
        AssertSameAsDocker(d, "image", "ls", "fixture");
        AssertSameAsDocker(d, "history", "fixture:2layers");
        AssertSameAsDocker(d, "history", "--no-trunc", "-H=false", "fixture:2layers");
        AssertSameAsDocker(d, "image", "inspect", "--format", "{{.Id}} {{.RootFS.Layers}}", "fixture:2layers");
        AssertSameAsDocker(d, "image", "inspect", "fixture:2layers");
        AssertSameAsDocker(d, "system", "df");
        AssertSameAsDocker(d, "system", "df", "-v");
        Assert.Contains("b632095fa5ab", Berth(d, "images").Stdout);
    }

    [SkippableFact]
    public void An_unknown_image_gives_dockers_error_text_and_exit_code()
    {
        using var d = WithFixture();

        foreach (var args in new[] { new[] { "image", "inspect", "nope" }, ["inspect", "nope"], ["inspect", "fixture:2layers", "nope"],
                     ["rmi", "nope"], ["history", "nope"], ["tag", "nope", "x:y"] })
        {
            var docker = Docker(d, args);
            var berth = Berth(d, args);
            Assert.Equal(1, berth.ExitCode);
            Assert.True(docker.ExitCode == berth.ExitCode && docker.Stdout == berth.Stdout && docker.Stderr == berth.Stderr,
                $"berth differs from docker for `{string.Join(' ', args)}`\n{docker}\n{berth}");
        }
        Assert.Equal("Error: No such object: nope\n", Berth(d, "inspect", "nope").Stderr);
    }

    [SkippableFact]
    public void Tag_rmi_save_and_load_round_trip()
    {
        using var d = WithFixture();

        Assert.Equal("", Berth(d, "tag", "fixture:2layers", "localhost:5000/x/y:t").EnsureSuccess().Stdout);
        Assert.Equal(FixtureId + "\n", Berth(d, "image", "inspect", "-f", "{{.Id}}", "localhost:5000/x/y:t").EnsureSuccess().Stdout);
        Assert.Equal("Untagged: localhost:5000/x/y:t\n", Berth(d, "image", "rm", "localhost:5000/x/y:t").EnsureSuccess().Stdout);

        var toFile = Path.Combine(d.Dir, "saved.tar");
        var toStdout = Path.Combine(d.Dir, "stdout.tar");
        Berth(d, "save", "-o", toFile, "fixture:2layers").EnsureSuccess();
        BerthShell(d, "save fixture:2layers >\"$2\"", toStdout).EnsureSuccess();
        Assert.Equal(File.ReadAllBytes(toFile), File.ReadAllBytes(toStdout));

        var rmi = Berth(d, "rmi", "fixture:2layers").EnsureSuccess();
        Assert.StartsWith("Untagged: fixture:2layers\nDeleted: " + FixtureId + "\n", rmi.Stdout);
        Assert.Equal("", Berth(d, "images", "-q").EnsureSuccess().Stdout);

        var load = BerthShell(d, "load <\"$2\"", toStdout).EnsureSuccess();
        Assert.Equal("Loaded image: fixture:2layers\n", load.Stdout);
        Assert.Equal(FixtureId + "\n", Berth(d, "image", "inspect", "-f", "{{.Id}}", "fixture:2layers").EnsureSuccess().Stdout);
    }

    [SkippableFact]
    public void Loading_something_that_is_not_an_archive_fails_with_exit_1()
    {
        using var d = WithFixture();

        var junk = Path.Combine(d.Dir, "junk.tar");
        File.WriteAllText(junk, "not a tar\n");
        var berth = Berth(d, "load", "-i", junk);
        var docker = Docker(d, "load", "-i", junk);
        Assert.Equal(1, berth.ExitCode);
        Assert.Equal(docker.Stderr, berth.Stderr);
        Assert.Equal(FixtureId + "\n", Berth(d, "image", "inspect", "-f", "{{.Id}}", "fixture:2layers").EnsureSuccess().Stdout);
    }

    [SkippableFact]
    public void Import_from_stdin_prints_the_new_id_and_prune_removes_it_once_confirmed()
    {
        using var d = WithFixture();

        var tar = Path.Combine(d.Dir, "rootfs.tar");
        using (var file = File.Create(tar))
        using (var writer = new TarWriter(file, TarEntryFormat.Pax))
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "hello") { DataStream = new MemoryStream("hi\n"u8.ToArray()) });

        var import = BerthShell(d, "import -m note -c 'CMD [\"sh\"]' - <\"$2\"", tar).EnsureSuccess();
        Assert.Matches("^sha256:[0-9a-f]{64}\n$", import.Stdout);
        var id = import.Stdout.Trim();
        Assert.Equal($"{id} note [sh]\n", Berth(d, "image", "inspect", "-f", "{{.Id}} {{.Comment}} {{.Config.Cmd}}", id).EnsureSuccess().Stdout);

        // Imported without a name, it is dangling: what prune removes.
        var declined = Command.Run(d.Dir, RepoPaths.BerthBinary, ["-H", d.Host, "image", "prune"], stdin: "n\n").EnsureSuccess();
        Assert.Equal("WARNING! This will remove all dangling images.\nAre you sure you want to continue? [y/N] ", declined.Stdout);
        Assert.Contains(id[7..19], Berth(d, "images", "-q").Stdout);

        var pruned = Command.Run(d.Dir, RepoPaths.BerthBinary, ["-H", d.Host, "image", "prune"], stdin: "y\n").EnsureSuccess();
        Assert.StartsWith("WARNING! This will remove all dangling images.\nAre you sure you want to continue? [y/N] Deleted Images:\n", pruned.Stdout);
        Assert.Contains($"deleted: {id}\n", pruned.Stdout);
        Assert.Matches(@"\n\nTotal reclaimed space: \d+(\.\d+)?[kM]?B\n$", pruned.Stdout);
        Assert.Equal("b632095fa5ab\n", Berth(d, "images", "-q").Stdout);
    }
}
