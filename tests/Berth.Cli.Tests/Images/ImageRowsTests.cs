using Berth.Api.Models.Images;
using Berth.Cli.Formatting;
using Berth.Cli.Formatting.Rows;

namespace Berth.Cli.Tests.Images;

public class ImageRowsTests
{
    private const string Id = "sha256:b632095fa5ab3887f1e7dee5087581597bb7870b07616b39dd6cff87c2f72c60";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    private static ImageSummary Image(long ageSeconds, long size, string[] tags, string[] digests) => new()
    {
        Id = Id, Created = Now.ToUnixTimeSeconds() - ageSeconds, Size = size, RepoTags = [.. tags], RepoDigests = [.. digests],
    };

    private static string Table(IEnumerable<ImageSummary> images, bool digests = false, bool noTrunc = false, string? format = null) =>
        Formatter.Render(format, ImageRows.Build(images, digests, noTrunc, Now), ImageRows.Headers,
            digests ? ImageRows.DigestTableFormat : ImageRows.TableFormat);

    [Fact]
    public void Default_table_has_dockers_columns_short_ids_and_three_digit_sizes()
    {
        var text = Table([Image(14 * 86400 + 5, 4_263_400, ["alpine:3.20"], [])]);
        Assert.Equal(
            "REPOSITORY   TAG       IMAGE ID       CREATED       SIZE\n" +
            "alpine       3.20      b632095fa5ab   2 weeks ago   4.26MB\n", text);
    }

    [Fact]
    public void Dangling_images_show_none_and_no_trunc_keeps_the_algorithm()
    {
        var text = Table([Image(3 * 3600, 999, [], [])], noTrunc: true);
        Assert.Equal(
            "REPOSITORY   TAG       IMAGE ID                                                                  CREATED       SIZE\n" +
            $"<none>       <none>    {Id}   3 hours ago   999B\n", text);
    }

    [Fact]
    public void Each_tag_is_a_row_and_digests_join_their_repositorys_rows()
    {
        var image = Image(60, 1000, ["a:1", "a:2", "localhost:5000/b:x"], ["a@sha256:aaa", "c@sha256:ccc"]);
        var rows = ImageRows.Build([image], digests: true, noTrunc: false, Now);
        var lines = rows.Select(r => Formatter.Render("{{.Repository}} {{.Tag}} {{.Digest}}", r).TrimEnd('\n')).ToArray();
        Assert.Equal(["a 1 sha256:aaa", "a 2 sha256:aaa", "localhost:5000/b x <none>", "c <none> sha256:ccc"], lines);
    }

    [Fact]
    public void Without_digests_a_digest_only_repository_is_one_row()
    {
        var rows = ImageRows.Build([Image(60, 1000, [], ["c@sha256:ccc", "c@sha256:ddd"])], digests: false, noTrunc: false, Now);
        var row = Assert.Single(rows);
        Assert.Equal("c <none> <none>\n", Formatter.Render("{{.Repository}} {{.Tag}} {{.Digest}}", row));
    }

    [Fact]
    public void Json_lines_have_sorted_keys_and_na_for_unknown_counts()
    {
        var text = Formatter.Render("json", ImageRows.Build([Image(60, 1_982_532, ["f:t"], [])], false, false, Now), ImageRows.Headers, ImageRows.TableFormat);
        Assert.StartsWith("{\"Containers\":\"N/A\",\"CreatedAt\":", text);
        Assert.Contains("\"CreatedSince\":\"About a minute ago\",\"Digest\":\"\\u003cnone\\u003e\",\"ID\":\"b632095fa5ab\",\"Repository\":\"f\",\"SharedSize\":\"N/A\",\"Size\":\"1.98MB\",\"Tag\":\"t\",\"UniqueSize\":\"N/A\",\"VirtualSize\":\"1.983MB\"}\n", text);
    }
}
