using Berth.Cli.Formatting;

namespace Berth.Cli.Tests.Formatting;

public class FormatterTests
{
    private const string ImagesDefault = "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}";
    private const string PsDefault = "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}";

    private static readonly Dictionary<string, string> ImageHeaders = new()
    {
        ["Repository"] = "REPOSITORY", ["Tag"] = "TAG", ["ID"] = "IMAGE ID", ["CreatedSince"] = "CREATED", ["Size"] = "SIZE",
    };

    private static readonly Dictionary<string, string> PsHeaders = new()
    {
        ["ID"] = "CONTAINER ID", ["Image"] = "IMAGE", ["Command"] = "COMMAND", ["RunningFor"] = "CREATED",
        ["Status"] = "STATUS", ["Ports"] = "PORTS", ["Names"] = "NAMES",
    };

    private static TemplateObject Image(string repo, string tag, string id, string since, string size)
        => new TemplateObject("*formatter.imageContext") { SortJsonKeys = true }
            .Set("Repository", repo).Set("Tag", tag).Set("ID", id).Set("CreatedSince", since).Set("Size", size);

    private static readonly TemplateObject[] Images =
    [
        Image("alpine", "latest", "1d34ffeaf190", "2 weeks ago", "7.79MB"),
        Image("nginx", "1.25", "a8758716bb6a", "3 months ago", "187MB"),
    ];

    [Fact]
    public void DockerImagesDefaultTable()
    {
        Assert.Equal(
            "REPOSITORY   TAG       IMAGE ID       CREATED        SIZE\n" +
            "alpine       latest    1d34ffeaf190   2 weeks ago    7.79MB\n" +
            "nginx        1.25      a8758716bb6a   3 months ago   187MB\n",
            Formatter.Render(null, Images, ImageHeaders, ImagesDefault));
    }

    [Theory]
    [InlineData("")]
    [InlineData("table")]
    public void EmptyAndBareTableSelectTheDefault(string format)
        => Assert.Equal(Formatter.Render(null, Images, ImageHeaders, ImagesDefault), Formatter.Render(format, Images, ImageHeaders, ImagesDefault));

    [Fact]
    public void EmptyListStillPrintsDockerPsHeader()
        => Assert.Equal("CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n",
            Formatter.Render("", [], PsHeaders, PsDefault));

    [Fact]
    public void CustomTableWithTypedBackslashT()
        => Assert.Equal("TAG       REPOSITORY\nlatest    alpine\n1.25      nginx\n",
            Formatter.Render(@"table {{.Tag}}\t{{.Repository}}", Images, ImageHeaders, ImagesDefault));

    [Fact]
    public void HeaderKeepsTitlesThroughDockerFunctions()
        => Assert.Equal("REPOSITORY   TAG\nALPINE       lat\nNGINX        1.2\n",
            Formatter.Render("table {{upper .Repository}}\t{{truncate .Tag 3}}", Images, ImageHeaders, ImagesDefault));

    [Fact]
    public void UnknownHeaderFieldShowsNoValueLikeDocker()
        => Assert.Equal("<no value>   TAG\nsha256:x     latest\n",
            Formatter.Render("table {{.Digest}}\t{{.Tag}}",
                [Image("alpine", "latest", "1d34ffeaf190", "2 weeks ago", "7.79MB").Set("Digest", "sha256:x")], ImageHeaders, ImagesDefault));

    [Fact]
    public void RawTemplateHasNoHeaderAndOneLinePerRow()
        => Assert.Equal("alpine:latest\nnginx:1.25\n", Formatter.Render("{{.Repository}}:{{.Tag}}", Images, ImageHeaders, ImagesDefault));

    [Fact]
    public void SurroundingSpacesAreTrimmedAndBackslashNExpanded()
        => Assert.Equal("alpine\nlatest\nnginx\n1.25\n", Formatter.Render(@"  {{.Repository}}\n{{.Tag}} ", Images, ImageHeaders, ImagesDefault));

    [Fact]
    public void JsonShortcutPrintsOneSortedObjectPerLine()
        => Assert.Equal(
            "{\"CreatedSince\":\"2 weeks ago\",\"ID\":\"1d34ffeaf190\",\"Repository\":\"alpine\",\"Size\":\"7.79MB\",\"Tag\":\"latest\"}\n" +
            "{\"CreatedSince\":\"3 months ago\",\"ID\":\"a8758716bb6a\",\"Repository\":\"nginx\",\"Size\":\"187MB\",\"Tag\":\"1.25\"}\n",
            Formatter.Render("json", Images, ImageHeaders, ImagesDefault));

    [Fact]
    public void ParseErrorsCarryDockerPrefix()
    {
        var e = Assert.Throws<TemplateException>(() => Formatter.Render("{{.ID", Images, ImageHeaders, ImagesDefault));
        Assert.Equal("template parsing error: template: :1: unclosed action", e.Message);
    }

    [Fact]
    public void ExecutionErrorsCarryDockerPrefix()
    {
        var e = Assert.Throws<TemplateException>(() => Formatter.Render("{{.Nope}}", Images, ImageHeaders, ImagesDefault));
        Assert.Equal("template parsing error: template: :1:2: executing \"\" at <.Nope>: can't evaluate field Nope in type *formatter.imageContext", e.Message);
    }

    [Fact]
    public void SingleObjectRendering()
    {
        var inspect = new TemplateObject("types.ContainerJSON")
            .Set("Id", "abc")
            .Set("Config", new TemplateObject("container.Config").Set("Labels", new Dictionary<string, string> { ["a"] = "<1>" }));
        Assert.Equal("abc <1>\n", Formatter.Render("{{.Id}} {{index .Config.Labels \"a\"}}", inspect));
        Assert.Equal("{\"Id\":\"abc\",\"Config\":{\"Labels\":{\"a\":\"<1>\"}}}\n", Formatter.Render("json", inspect));
        // inspect passes the template through untouched: no \t expansion, no trimming.
        Assert.Equal(@" abc\t" + "\n", Formatter.Render(@" {{.Id}}\t", inspect));
    }

    [Theory]
    [InlineData("table {{.ID}}", true)]
    [InlineData("tablefoo", true)]
    [InlineData("{{.ID}}", false)]
    public void IsTableFollowsDockerPrefixRule(string format, bool expected) => Assert.Equal(expected, Formatter.IsTable(format));
}
