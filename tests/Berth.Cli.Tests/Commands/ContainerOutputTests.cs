using System.Text.Json;
using Berth.Api.Models.Containers;
using Berth.Cli.Commands;
using Berth.Cli.Formatting;

namespace Berth.Cli.Tests.Commands;

public class ContainerOutputTests
{
    [Fact]
    public void Ps_quotes_and_truncates_the_command_to_twenty_characters()
    {
        var now = DateTimeOffset.UtcNow;
        var row = new ContainerSummary
        {
            Id = "0123456789abcdef0123", Names = ["/web"], Image = "busybox", Command = "sh -c 'while true; do sleep 1; done'",
            Created = now.ToUnixTimeSeconds() - 5, Status = "Up 4 seconds", State = "running",
        };
        var text = Formatter.Render(null, [PsCommand.Row(row, false, now)],
            new Dictionary<string, string> { ["ID"] = "CONTAINER ID", ["Image"] = "IMAGE", ["Command"] = "COMMAND", ["RunningFor"] = "CREATED", ["Status"] = "STATUS", ["Ports"] = "PORTS", ["Names"] = "NAMES" },
            "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}");
        var lines = text.Split('\n');
        Assert.Equal("CONTAINER ID   IMAGE     COMMAND                  CREATED         STATUS         PORTS     NAMES", lines[0]);
        Assert.Equal("0123456789ab   busybox   \"sh -c 'while true; …\"   5 seconds ago   Up 4 seconds             web", lines[1]);
    }

    [Fact]
    public void Go_quote_escapes_quotes_and_newlines() => Assert.Equal("\"echo \\\"hi\\\"\\n\"", PsCommand.Quote("echo \"hi\"\n"));

    [Fact]
    public void Inspect_indents_with_four_spaces_and_keeps_the_daemons_key_order()
    {
        var element = JsonDocument.Parse("""{"Id":"abc","Args":["a"],"State":{"Status":"running"}}""").RootElement;
        Assert.Equal("[\n    {\n        \"Id\": \"abc\",\n        \"Args\": [\n            \"a\"\n        ],\n        \"State\": {\n            \"Status\": \"running\"\n        }\n    }\n]",
            InspectCommand.Indent([element]).Replace("\r\n", "\n"));
    }
}
