using Berth.Api.Models.Images;
using Berth.Cli.Formatting;
using Berth.Cli.Formatting.Rows;

namespace Berth.Cli.Tests.Images;

public class HistoryRowsTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    private static readonly HistoryItem[] Items =
    [
        new() { Id = "sha256:b632095fa5ab3887f1e7dee5087581597bb7870b07616b39dd6cff87c2f72c60", Created = 1_800_000_000 - 7200,
            CreatedBy = "/bin/sh -c #(nop)  CMD [\"cat\" \"/data/sub/new\"]", Size = 0 },
        new() { Created = 1_800_000_000 - 7300, CreatedBy = "", Size = 1_982_532, Comment = "Imported from -" },
    ];

    [Fact]
    public void Created_by_is_cut_to_45_characters_and_missing_rows_stay_missing()
    {
        var text = Formatter.Render(null, HistoryRows.Build(Items, human: true, noTrunc: false, Now), HistoryRows.Headers, HistoryRows.TableFormat);
        Assert.Equal(
            "IMAGE          CREATED       CREATED BY                                      SIZE      COMMENT\n" +
            "b632095fa5ab   2 hours ago   /bin/sh -c #(nop)  CMD [\"cat\" \"/data/sub/new…   0B        \n" +
            "<missing>      2 hours ago                                                   1.98MB    Imported from -\n", text);
    }

    [Fact]
    public void Not_human_shows_rfc3339_times_and_byte_counts()
    {
        var rows = HistoryRows.Build(Items, human: false, noTrunc: true, Now);
        Assert.Equal("1982532\n", Formatter.Render("{{.Size}}", rows[1]));
        Assert.Matches(@"^2027-01-15T\d\d:\d\d:20(Z|[+-]\d\d:\d\d)\n$", Formatter.Render("{{.CreatedSince}}", rows[1]));
        Assert.Equal("/bin/sh -c #(nop)  CMD [\"cat\" \"/data/sub/new\"]\n", Formatter.Render("{{.CreatedBy}}", rows[0]));
    }

    [Fact]
    public void Rfc3339_uses_z_for_utc() =>
        Assert.Equal("2027-01-15T08:00:00Z", HistoryRows.Rfc3339(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000)));
}
