using Berth.Api.Models.Images;
using Berth.Cli.Commands.Images;
using Berth.Cli.Support;

namespace Berth.Cli.Tests.Images;

public class ImageCommandTextTests
{
    [Fact]
    public void Prune_report_lists_untagged_and_deleted_then_the_total()
    {
        var result = new PruneResult
        {
            ImagesDeleted = [new DeleteResponseItem { Untagged = "imp:1" }, new DeleteResponseItem { Deleted = "sha256:6a0d" }],
            SpaceReclaimed = 4_137_000,
        };
        Assert.Equal("Deleted Images:\nuntagged: imp:1\ndeleted: sha256:6a0d\n\nTotal reclaimed space: 4.137MB\n", ImagePruneCommand.Report(result));
        Assert.Equal("Total reclaimed space: 0B\n", ImagePruneCommand.Report(new PruneResult()));
    }

    [Theory]
    [InlineData("y", true)]
    [InlineData("YES", true)]
    [InlineData(" y ", true)]
    [InlineData("n", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Prune_asks_for_y_or_yes(string? answer, bool confirmed) => Assert.Equal(confirmed, ImagePruneCommand.Confirmed(answer));

    [Fact]
    public async Task Prune_without_force_asks_dockers_question_and_stops_on_no()
    {
        var output = new StringWriter();
        var context = new CliContext(output, new StringWriter(), _ => null, "unix:///nonexistent/berth.sock", false);
        var code = await ImagePruneCommand.RunAsync(context, ["-a"], new StringReader("n\n"), CancellationToken.None);
        Assert.Equal(0, code);
        Assert.Equal("WARNING! This will remove all images without at least one container associated to them.\nAre you sure you want to continue? [y/N] ", output.ToString());
    }

    [Theory]
    [InlineData("localhost:5000/x/y:t", "localhost:5000/x/y", "t")]
    [InlineData("localhost:5000/x", "localhost:5000/x", null)]
    [InlineData("busybox", "busybox", null)]
    [InlineData("a/b:c", "a/b", "c")]
    public void Tag_targets_split_at_the_tag_colon(string reference, string repository, string? tag) =>
        Assert.Equal((repository, tag), TagCommand.SplitReference(reference));

    [Fact]
    public void Wrong_argument_counts_give_dockers_message()
    {
        var flags = new FlagParser("berth save").Parse([]);
        var e = Assert.Throws<CommandFailedException>(() => ArgumentCount.Check(flags, "berth save", "[OPTIONS] IMAGE [IMAGE...]", 1, int.MaxValue));
        Assert.Equal("berth: 'berth save' requires at least 1 argument\n\nUsage:  berth save [OPTIONS] IMAGE [IMAGE...]\n\nSee 'berth save --help' for more information", e.Message);
    }
}
