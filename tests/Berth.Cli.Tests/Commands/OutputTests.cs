using Berth.Api.Models;
using Berth.Cli.Commands;
using Berth.Cli.Support;

namespace Berth.Cli.Tests.Commands;

public class OutputTests
{
    [Fact]
    public void Event_lines_look_like_dockers()
    {
        var e = new EventMessage
        {
            Type = "container",
            Action = "start",
            Actor = new EventActor { ID = "abc", Attributes = new() { ["name"] = "web", ["image"] = "nginx" } },
            TimeNano = 1_700_000_000_123_456_789,
        };
        var line = EventsCommand.Line(e);
        Assert.Matches(@"^2023-11-1\dT\d\d:\d\d:20\.123456789[+-]\d\d:\d\d container start abc \(image=nginx, name=web\)$", line);
    }

    [Fact]
    public void Repeated_filters_of_one_key_are_kept_together()
    {
        var f = EventsCommand.ParseFilters(["type=container", "event=start", "event=die", "label=a=b"]);
        Assert.Equal(["start", "die"], f["event"]);
        Assert.Equal(["a=b"], f["label"]);
    }

    [Theory]
    [InlineData(16_663_232_512L, "15.52GiB")]
    [InlineData(1023L, "1023B")]
    [InlineData(1536L, "1.5KiB")]
    public void Sizes_use_binary_units_and_four_digits(long bytes, string text) => Assert.Equal(text, ByteSize.Binary(bytes));

    [Fact]
    public void Info_shows_the_servers_facts()
    {
        var text = InfoCommand.Render(new SystemInfo
        {
            ServerVersion = "0.1.0",
            Driver = "overlay2",
            DockerRootDir = "/var/lib/berth",
            SecurityOptions = ["name=seccomp,profile=builtin", "name=cgroupns"],
            CgroupVersion = "2",
        });
        Assert.Contains(" Server Version: 0.1.0\n", text);
        Assert.Contains(" Docker Root Dir: /var/lib/berth\n", text);
        Assert.Contains("  seccomp\n   Profile: builtin\n  cgroupns\n", text);
        Assert.Contains(" Cgroup Version: 2\n", text);
    }
}
