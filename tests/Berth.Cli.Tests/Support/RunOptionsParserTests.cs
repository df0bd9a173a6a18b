using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.Api.Models.Containers;
using Berth.Cli.Support;

namespace Berth.Cli.Tests.Support;

public class RunOptionsParserTests
{
    private static readonly RunOptionsParser Parser = new(_ => null, path => throw new FileNotFoundException(path));

    private static ContainerCreateRequest Parse(params string[] args) => Parser.Parse("berth run", args, isRun: true).Request;

    // DockerBodies/create-N.txt: a `docker create` command line and the body docker 28.2 sent for it (captured from
    // the real CLI). Every value docker sends must be what berth sends; what berth adds must be an empty default.
    public static TheoryData<string> DockerBodies() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Support", "DockerBodies"), "*.txt").Select(f => Path.GetFileName(f))];

    [Theory]
    [MemberData(nameof(DockerBodies))]
    public void The_create_body_matches_the_docker_clis(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Support", "DockerBodies", file));
        var args = ShellWords(lines[0]);
        var ours = JsonNode.Parse(JsonSerializer.Serialize(Parser.Parse("berth create", args, isRun: false).Request, ContainersJson.Context.ContainerCreateRequest));
        var docker = JsonNode.Parse(lines[1]);
        var differences = new List<string>();
        Compare("", docker, ours, differences);
        Assert.Empty(differences);
    }

    private static void Compare(string path, JsonNode? docker, JsonNode? ours, List<string> differences)
    {
        if (IsEmpty(docker) && IsEmpty(ours)) return;
        if (docker is JsonObject d && ours is JsonObject o)
        {
            foreach (var key in d.Select(p => p.Key).Union(o.Select(p => p.Key)))
                Compare($"{path}.{key}", d[key], o[key], differences);
            return;
        }
        if (docker is JsonArray da && ours is JsonArray oa && da.Count == oa.Count)
        {
            for (var i = 0; i < da.Count; i++) Compare($"{path}[{i}]", da[i], oa[i], differences);
            return;
        }
        if (!JsonNode.DeepEquals(docker, ours))
            differences.Add($"{path}: docker {docker?.ToJsonString() ?? "absent"}, berth {ours?.ToJsonString() ?? "absent"}");
    }

    private static bool IsEmpty(JsonNode? node) => node switch
    {
        null => true,
        JsonObject o => o.All(p => IsEmpty(p.Value)),
        JsonArray a => a.Count == 0,
        JsonValue v when v.GetValueKind() == JsonValueKind.False => true,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>().Length == 0,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.GetValue<double>() == 0,
        _ => false,
    };

    // Enough of sh's word splitting for the captured command lines: spaces, single quotes.
    private static List<string> ShellWords(string line)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        var inWord = false;
        foreach (var c in line)
        {
            if (c == '\'') { quoted = !quoted; inWord = true; continue; }
            if (c == ' ' && !quoted)
            {
                if (inWord) words.Add(current.ToString());
                current.Clear();
                inWord = false;
                continue;
            }
            current.Append(c);
            inWord = true;
        }
        if (inWord) words.Add(current.ToString());
        return words;
    }

    [Theory]
    [InlineData(new[] { "-m", "x", "busybox" }, "invalid argument \"x\" for \"-m, --memory\" flag: invalid size: 'x'")]
    [InlineData(new[] { "--memory-swap=abc", "busybox" }, "invalid argument \"abc\" for \"--memory-swap\" flag: invalid size: 'abc'")]
    [InlineData(new[] { "--cpus=abc", "busybox" }, "invalid argument \"abc\" for \"--cpus\" flag: failed to parse abc as a rational number")]
    [InlineData(new[] { "--ulimit", "nofile", "busybox" }, "invalid argument \"nofile\" for \"--ulimit\" flag: invalid ulimit argument: nofile")]
    [InlineData(new[] { "--ulimit", "nofile=a:b", "busybox" }, "invalid argument \"nofile=a:b\" for \"--ulimit\" flag: strconv.ParseInt: parsing \"a\": invalid syntax")]
    [InlineData(new[] { "--restart", "on-failure:x", "busybox" }, "invalid restart policy format: maximum retry count must be an integer")]
    [InlineData(new[] { "-v", ":/x", "busybox" }, "invalid spec: :/x: empty section between colons")]
    [InlineData(new[] { "--mount", "type=bind", "busybox" }, "invalid argument \"type=bind\" for \"--mount\" flag: target is required")]
    [InlineData(new[] { "--mount", "target=/x,foo=bar", "busybox" }, "invalid argument \"target=/x,foo=bar\" for \"--mount\" flag: unexpected key 'foo' in 'foo=bar'")]
    [InlineData(new[] { "-e", "=x", "busybox" }, "invalid argument \"=x\" for \"-e, --env\" flag: invalid environment variable: =x")]
    [InlineData(new[] { "--env-file", "/nonexist", "busybox" }, "open /nonexist: no such file or directory")]
    [InlineData(new[] { "--add-host", "foo", "busybox" }, "invalid argument \"foo\" for \"--add-host\" flag: bad format for add-host: \"foo\"")]
    [InlineData(new[] { "--stop-timeout", "x", "busybox" }, "invalid argument \"x\" for \"--stop-timeout\" flag: strconv.ParseInt: parsing \"x\": invalid syntax")]
    [InlineData(new[] { "--health-interval", "5", "busybox" }, "invalid argument \"5\" for \"--health-interval\" flag: time: missing unit in duration \"5\"")]
    [InlineData(new[] { "--health-retries", "-1", "busybox" }, "--health-retries cannot be negative")]
    [InlineData(new[] { "--health-interval", "-1s", "busybox" }, "--health-interval cannot be negative")]
    [InlineData(new[] { "--shm-size", "-1", "busybox" }, "invalid argument \"-1\" for \"--shm-size\" flag: invalid size: '-1'")]
    [InlineData(new[] { "--cpu-shares", "x", "busybox" }, "invalid argument \"x\" for \"-c, --cpu-shares\" flag: strconv.ParseInt: parsing \"x\": invalid syntax")]
    [InlineData(new[] { "-a", "foo", "busybox" }, "invalid argument \"foo\" for \"-a, --attach\" flag: valid streams are STDIN, STDOUT and STDERR")]
    [InlineData(new[] { "-d", "-a", "stdout", "busybox" }, "conflicting options: cannot specify both --attach and --detach")]
    [InlineData(new[] { "--rm", "--restart", "always", "busybox" }, "conflicting options: cannot specify both --restart and --rm")]
    [InlineData(new[] { "-p", "x", "busybox" }, "invalid containerPort: x")]
    [InlineData(new[] { "--security-opt", "foo", "busybox" }, "Invalid --security-opt: \"foo\"")]
    [InlineData(new[] { "--health-cmd", "x", "--no-healthcheck", "busybox" }, "--no-healthcheck conflicts with --health-* options")]
    public void Bad_values_are_refused_with_dockers_words(string[] args, string message) =>
        Assert.Equal(message, Assert.Throws<UsageException>(() => Parse(args)).Message);

    [Fact]
    public void Flags_after_the_image_belong_to_the_command()
    {
        var request = Parse("-d", "busybox", "ls", "-l", "--rm");
        Assert.Equal(["ls", "-l", "--rm"], request.Cmd);
        Assert.False(request.HostConfig!.AutoRemove);
    }

    [Fact]
    public void Detached_runs_attach_nothing_and_interactive_runs_attach_stdin_once()
    {
        var detached = Parse("-d", "-i", "busybox");
        Assert.False(detached.AttachStdin || detached.AttachStdout || detached.AttachStderr);
        Assert.True(detached.OpenStdin);
        Assert.False(detached.StdinOnce);

        var interactive = Parse("-i", "busybox");
        Assert.True(interactive.AttachStdin && interactive.StdinOnce && interactive.OpenStdin);
    }

    [Fact]
    public void Variables_named_without_a_value_come_from_the_callers_environment()
    {
        var parser = new RunOptionsParser(name => name == "HOME" ? "/root" : null,
            path => path == "/env" ? ["# comment", "", "X=1", "HOME", "UNSET"] : throw new FileNotFoundException(path));
        var request = parser.Parse("berth run", ["--env-file", "/env", "-e", "HOME", "-e", "MISSING", "busybox"], true).Request;
        Assert.Equal(["X=1", "HOME=/root", "HOME=/root", "MISSING"], request.Env);
    }

    [Fact]
    public void Go_durations_and_sizes_convert_as_docker_does()
    {
        Assert.Equal(90_000_000_000, ValueParsers.GoDuration("1m30s"));
        Assert.Equal(1_500_000, ValueParsers.GoDuration("1.5ms"));
        Assert.Equal(10, ValueParsers.RamInBytes("10"));
        Assert.Equal(1536 * 1024, ValueParsers.RamInBytes("1.5m"));
        Assert.Equal(2L << 30, ValueParsers.RamInBytes("2GiB"));
        Assert.Equal(1_500_000_000, ValueParsers.NanoCpus("1.5"));
    }
}
