using Berth.IntegrationTests.Daemon;
using Berth.IntegrationTests.Infrastructure;

namespace Berth.IntegrationTests.Containers;

// berth cp with local paths, both directions, checked against what the real docker CLI does with the same daemon:
// the same trees (names, types, modes, owners, contents), the same messages for the same mistakes.
public sealed class LocalCopyTests
{
    private static CommandResult Berth(ContainerEngine e, params string[] args) =>
        e.Daemon.Client(RepoPaths.BerthBinary, ["-H", e.Daemon.Host, .. args]);

    // A shell script run in dir (the command's own stdio files go under the daemon's directory, not into dir).
    private static CommandResult Sh(ContainerEngine e, string dir, string script) =>
        Command.Run(e.Daemon.Dir, "/bin/sh", ["-c", $"cd '{dir}' && {script}"]);

    // Every entry under dir: path, type, mode, owner, link target; then every file's content.
    private static string Tree(ContainerEngine e, string dir) =>
        Sh(e, dir, "find . -mindepth 1 -printf '%p %y %m %U:%G %l\\n' | sort && find . -type f | sort | xargs -r tail -n +1").EnsureSuccess().Stdout;

    // The container's path as the daemon archives it: mode, numeric owner and name of every entry.
    private static string ContainerTree(ContainerEngine e, string dir, string container, string path) =>
        Sh(e, dir, $"DOCKER_HOST={e.Daemon.Host} DOCKER_CONFIG={e.Daemon.Dir}/docker-config {DockerCli.Require()} cp {container}:{path} - " +
            "| tar --numeric-owner -tvf - | awk '{n = $6; for (i = 7; i <= NF; i++) n = n \" \" $i; print $1, $2, n}' | sort").EnsureSuccess().Stdout;

    private static void MakeSource(ContainerEngine e, string local) =>
        Sh(e, local, "mkdir -p src/sub src/empty && echo alpha > src/a.txt && echo beta > src/sub/b.txt && ln -s ../a.txt src/sub/link " +
            "&& chown -R 1234:5678 src && chmod 640 src/a.txt && chmod 750 src/sub").EnsureSuccess();

    [SkippableFact]
    public void Cp_of_a_directory_tree_in_and_out_matches_docker_cp()
    {
        using var e = new ContainerEngine();
        var local = Directory.CreateTempSubdirectory("berth-cp-").FullName;
        try
        {
            MakeSource(e, local);
            e.Docker("create", "--name", "c1", "busybox", "true").EnsureSuccess();
            e.Docker("create", "--name", "c2", "busybox", "true").EnsureSuccess();

            // In: a directory to a path that does not exist becomes that path; not a terminal, so nothing is printed.
            var copyIn = Berth(e, "cp", Path.Combine(local, "src"), "c1:/data").EnsureSuccess();
            Assert.Equal("", copyIn.Stdout + copyIn.Stderr);
            e.Docker("cp", Path.Combine(local, "src"), "c2:/data").EnsureSuccess();
            var inside = ContainerTree(e, local, "c1", "/data");
            Assert.Equal(ContainerTree(e, local, "c2", "/data"), inside);
            // Without -a the files keep their local owner, as dockerd keeps what docker's tar says.
            Assert.Contains("-rw-r----- 1234/5678 data/a.txt", inside);
            Assert.Contains("drwxr-x--- 1234/5678 data/sub/", inside);
            Assert.Contains("lrwxrwxrwx 1234/5678 data/sub/link -> ../a.txt", inside);

            // In again, into the directory that now exists: it lands inside it, as data/src.
            Berth(e, "cp", Path.Combine(local, "src"), "c1:/data").EnsureSuccess();
            Assert.Contains("-rw-r----- 1234/5678 data/src/a.txt", ContainerTree(e, local, "c1", "/data"));
            // SRC/. copies the contents only.
            Berth(e, "cp", Path.Combine(local, "src") + "/.", "c1:/etc").EnsureSuccess();
            Assert.Contains("-rw-r----- 1234/5678 etc/a.txt", ContainerTree(e, local, "c1", "/etc"));
            Assert.DoesNotContain("etc/src", ContainerTree(e, local, "c1", "/etc"));

            // Out: the same four forms with both CLIs give the same trees, owned by the user running the command.
            foreach (var (name, cli) in new[] { ("berth", (Func<string[], CommandResult>)(a => Berth(e, a))), ("docker", a => e.Docker(a)) })
            {
                var o = Path.Combine(local, name);
                Directory.CreateDirectory(Path.Combine(o, "into"));
                Directory.CreateDirectory(Path.Combine(o, "contents"));
                cli(["cp", "c2:/data", Path.Combine(o, "new")]).EnsureSuccess();
                cli(["cp", "c2:/data", Path.Combine(o, "into")]).EnsureSuccess();
                cli(["cp", "c2:/data/.", Path.Combine(o, "contents")]).EnsureSuccess();
                cli(["cp", "c2:/data/a.txt", Path.Combine(o, "renamed.txt")]).EnsureSuccess();
                cli(["cp", "-L", "c2:/data/sub/link", Path.Combine(o, "followed")]).EnsureSuccess();
            }
            var berthTree = Tree(e, Path.Combine(local, "berth"));
            Assert.Equal(Tree(e, Path.Combine(local, "docker")), berthTree);
            Assert.Contains("./new/a.txt f 640 0:0 \n", berthTree);
            Assert.Contains("./into/data/sub/link l 777 0:0 ../a.txt\n", berthTree);
            Assert.Contains("./contents/sub/b.txt f 644 0:0 \n", berthTree);
            Assert.Contains("./renamed.txt f 640 0:0 \n", berthTree);
            Assert.Contains("./followed f 640 0:0 \n", berthTree);
            Assert.Equal("alpha\n", File.ReadAllText(Path.Combine(local, "berth/followed")));
        }
        finally
        {
            Directory.Delete(local, recursive: true);
        }
    }

    [SkippableFact]
    public void Cp_archive_mode_gives_the_files_to_the_containers_user()
    {
        using var e = new ContainerEngine();
        var local = Directory.CreateTempSubdirectory("berth-cp-").FullName;
        try
        {
            MakeSource(e, local);
            e.Docker("create", "--name", "u1", "--user", "4321:8765", "busybox", "true").EnsureSuccess();
            e.Docker("create", "--name", "u2", "--user", "4321:8765", "busybox", "true").EnsureSuccess();
            Berth(e, "cp", "-a", Path.Combine(local, "src/a.txt"), "u1:/a.txt").EnsureSuccess();
            e.Docker("cp", "-a", Path.Combine(local, "src/a.txt"), "u2:/a.txt").EnsureSuccess();
            Assert.Equal("-rw-r----- 4321/8765 a.txt\n", ContainerTree(e, local, "u1", "/a.txt"));
            Assert.Equal(ContainerTree(e, local, "u2", "/a.txt"), ContainerTree(e, local, "u1", "/a.txt"));
            Berth(e, "cp", Path.Combine(local, "src/a.txt"), "u1:/b.txt").EnsureSuccess();
            Assert.Equal("-rw-r----- 1234/5678 b.txt\n", ContainerTree(e, local, "u1", "/b.txt"));
        }
        finally
        {
            Directory.Delete(local, recursive: true);
        }
    }

    [SkippableFact]
    public void Cp_mistakes_fail_with_dockers_messages_and_change_nothing()
    {
        using var e = new ContainerEngine();
        var local = Directory.CreateTempSubdirectory("berth-cp-").FullName;
        try
        {
            MakeSource(e, local);
            e.Docker("create", "--name", "mi", "busybox", "true").EnsureSuccess();
            e.Docker("cp", Path.Combine(local, "src"), "mi:/data").EnsureSuccess();
            string[][] cases =
            [
                ["cp", "mi:/nope", Path.Combine(local, "x")],
                ["cp", "mi:/data/a.txt", Path.Combine(local, "missing/dir/x")],
                ["cp", "mi:/data/a.txt", Path.Combine(local, "newdir") + "/"],
                ["cp", "mi:/data", Path.Combine(local, "src/a.txt")],
                ["cp", Path.Combine(local, "nope"), "mi:/"],
                ["cp", Path.Combine(local, "src"), "mi:/nope/deeper"],
                ["cp", "mi:/x", "n:/y"],
                ["cp", Path.Combine(local, "a"), Path.Combine(local, "b")],
            ];
            foreach (var args in cases)
            {
                var docker = e.Docker(args);
                var berth = Berth(e, args);
                Assert.NotEqual(0, docker.ExitCode);
                Assert.True(berth.ExitCode == 1, berth.ToString());
                Assert.Equal(docker.Stderr, berth.Stderr);
            }
            Assert.Contains("Error response from daemon: Could not find the file /nope in container mi",
                Berth(e, "cp", "mi:/nope", Path.Combine(local, "x")).Stderr);
            Assert.Equal("alpha\n", File.ReadAllText(Path.Combine(local, "src/a.txt")));
            Assert.False(Directory.Exists(Path.Combine(local, "newdir")));
        }
        finally
        {
            Directory.Delete(local, recursive: true);
        }
    }

    [SkippableFact]
    public void Cp_reports_the_copy_on_a_terminal_only_and_not_with_quiet()
    {
        using var e = new ContainerEngine();
        var local = Directory.CreateTempSubdirectory("berth-cp-").FullName;
        try
        {
            MakeSource(e, local);
            e.Docker("create", "--name", "tt", "busybox", "true").EnsureSuccess();
            string Tty(string command) => Sh(e, local, $"script -qec '{command}' /dev/null").EnsureSuccess().Stdout;
            var berth = $"{RepoPaths.BerthBinary} -H {e.Daemon.Host}";
            Assert.Matches(@"Successfully copied [0-9.]+kB to tt:/data\r?\n$", Tty($"{berth} cp {local}/src tt:/data"));
            Assert.Matches($@"Successfully copied [0-9.]+kB to {local}/out\r?\n$", Tty($"{berth} cp tt:/data {local}/out"));
            Assert.DoesNotContain("Successfully", Tty($"{berth} cp -q tt:/data {local}/out2"));
            Assert.Equal("alpha\n", File.ReadAllText(Path.Combine(local, "out2/a.txt")));
        }
        finally
        {
            Directory.Delete(local, recursive: true);
        }
    }

    [SkippableFact]
    public void Cp_out_never_writes_through_a_symlink_in_the_destination()
    {
        using var e = new ContainerEngine();
        var local = Directory.CreateTempSubdirectory("berth-cp-").FullName;
        try
        {
            MakeSource(e, local);
            e.Docker("create", "--name", "sy", "busybox", "true").EnsureSuccess();
            e.Docker("cp", Path.Combine(local, "src"), "sy:/data").EnsureSuccess();
            // DEST/sub is a symlink to a directory elsewhere: the archive's sub/ must not be unpacked through it.
            Sh(e, local, "mkdir dest outside && ln -s ../outside dest/sub").EnsureSuccess();
            var result = Berth(e, "cp", "sy:/data/.", Path.Combine(local, "dest"));
            Assert.Equal(1, result.ExitCode);
            Assert.Contains("cannot overwrite non-directory", result.Stderr);
            Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(local, "outside")));
        }
        finally
        {
            Directory.Delete(local, recursive: true);
        }
    }
}
