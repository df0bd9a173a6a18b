using Berth.Engine.Containers.Stats;

namespace Berth.Engine.Tests.Containers;

public sealed class PsOutputTests
{
    private const string Ef = """
        UID          PID    PPID  C STIME TTY          TIME CMD
        root           1       0  0 09:00 ?        00:00:01 /sbin/init
        root        2181    2174  0 09:28 ?        00:00:00 sleep 2000
        root        2197    2181  0 09:28 ?        00:00:00 sh -c echo  two   spaces
        root        3000       1  0 09:30 ?        00:00:00 sshd

        """;

    [Fact]
    public void Keeps_only_the_containers_rows_and_joins_the_command()
    {
        var top = PsOutput.Parse(Ef, new HashSet<int> { 2181, 2197 });
        Assert.Equal(["UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"], top.Titles);
        Assert.Equal(2, top.Processes!.Count);
        Assert.Equal("sleep 2000", top.Processes[0][7]);
        Assert.Equal("sh -c echo two spaces", top.Processes[1][7]);
        Assert.All(top.Processes, p => Assert.Equal(8, p.Count));
    }

    [Fact]
    public void Thread_rows_follow_a_kept_process_only()
    {
        const string threads = """
            USER PID %CPU COMMAND
            root 10 0.0 app
            -    -  0.0 -
            root 11 0.0 other
            -    -  0.0 -
            """;
        var top = PsOutput.Parse(threads, new HashSet<int> { 10 });
        Assert.Equal(2, top.Processes!.Count);
        Assert.Equal("-", top.Processes[1][1]);
    }

    [Fact]
    public void Output_without_a_pid_column_is_refused()
    {
        var e = Assert.Throws<FormatException>(() => PsOutput.Parse("USER COMMAND\nroot sh\n", new HashSet<int>()));
        Assert.Equal("Couldn't find PID field in ps output", e.Message);
    }

    [Theory]
    [InlineData("-ef", null)]
    [InlineData("-o pid,comm", null)]
    [InlineData("-o pid=PID", null)]
    [InlineData("-o user=PID", "specifying \"user=PID\" is not allowed")]
    public void Renaming_a_column_to_pid_is_not_allowed(string args, string? error) =>
        Assert.Equal(error, PsOutput.ValidateArgs(args));

    [Fact]
    public void Pids_argument_is_comma_separated() => Assert.Equal("1,22,333", PsOutput.PidsArgument([1, 22, 333]));
}
