using Berth.Api.Models.Networks;
using Berth.Cli.Formatting;
using Berth.Cli.Formatting.Rows;

namespace Berth.Cli.Tests.Networks;

// Expected texts were printed by docker 28.2 (API 1.50) for the same networks, served by a stand-in daemon.
public class NetworkListOutputTests
{
    private static readonly List<NetworkResource> Networks =
    [
        new() { Name = "net10", Id = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f901", Created = "2026-11-28T12:00:00.123456789Z", Internal = true, Labels = new() { ["tier"] = "front" } },
        new() { Name = "back", Id = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", Created = "2026-11-28T11:00:00Z", Attachable = true },
        new() { Name = "net2", Id = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210", Created = "2026-11-28T10:00:00.5Z" },
        new() { Name = "host", Id = "99aa99aa99aa99aa99aa99aa99aa99aa99aa99aa99aa99aa99aa99aa99aa99aa", Created = "2026-11-28T09:00:00Z", Driver = "host" },
        new() { Name = "Bridge", Id = "55bb55bb55bb55bb55bb55bb55bb55bb55bb55bb55bb55bb55bb55bb55bb55bb", Created = "2026-11-28T09:00:00Z" },
    ];

    private static string Render(string? format, bool noTrunc = false) =>
        Formatter.Render(format ?? NetworkRows.DefaultTable, NetworkRows.Sorted(Networks).Select(n => NetworkRows.Row(n, noTrunc)), NetworkRows.Headers, NetworkRows.DefaultTable);

    [Fact]
    public void The_default_table_lists_names_in_natural_order_with_short_ids()
    {
        Assert.Equal("""
            NETWORK ID     NAME      DRIVER    SCOPE
            55bb55bb55bb   Bridge    bridge    local
            0123456789ab   back      bridge    local
            99aa99aa99aa   host      host      local
            fedcba987654   net2      bridge    local
            a1b2c3d4e5f6   net10     bridge    local

            """, Render(null));
    }

    [Fact]
    public void No_trunc_shows_full_ids()
    {
        var lines = Render(null, noTrunc: true).Split('\n');
        Assert.Equal("NETWORK ID                                                          NAME      DRIVER    SCOPE", lines[0]);
        Assert.Equal("55bb55bb55bb55bb55bb55bb55bb55bb55bb55bb55bb55bb55bb55bb55bb55bb    Bridge    bridge    local", lines[1]);
    }

    [Fact]
    public void Quiet_prints_the_ids_alone()
    {
        Assert.Equal("55bb55bb55bb\n0123456789ab\n99aa99aa99aa\nfedcba987654\na1b2c3d4e5f6\n", Render(NetworkRows.QuietFormat));
    }

    [Fact]
    public void Other_columns_and_created_at_with_nanoseconds()
    {
        Assert.Equal("""
            NETWORK ID     NAME      IPV4      INTERNAL   CREATED AT
            55bb55bb55bb   Bridge    true      false      2026-11-28 09:00:00 +0000 UTC
            0123456789ab   back      true      false      2026-11-28 11:00:00 +0000 UTC
            99aa99aa99aa   host      true      false      2026-11-28 09:00:00 +0000 UTC
            fedcba987654   net2      true      false      2026-11-28 10:00:00.5 +0000 UTC
            a1b2c3d4e5f6   net10     true      true       2026-11-28 12:00:00.123456789 +0000 UTC

            """, Render("table {{.ID}}\\t{{.Name}}\\t{{.IPv4}}\\t{{.Internal}}\\t{{.CreatedAt}}"));
    }

    [Fact]
    public void Json_keys_are_sorted_and_values_are_strings()
    {
        Assert.Equal("""{"CreatedAt":"2026-11-28 09:00:00 +0000 UTC","Driver":"bridge","ID":"55bb55bb55bb","IPv4":"true","IPv6":"false","Internal":"false","Labels":"","Name":"Bridge","Scope":"local"}""",
            Render("json").Split('\n')[0]);
    }

    [Fact]
    public void Labels_and_the_label_method()
    {
        Assert.Equal("net10 tier=front front", Render("{{.Name}} {{.Labels}} {{.Label \"tier\"}}").Split('\n')[4]);
    }

    [Fact]
    public void An_unknown_field_is_a_template_error_naming_dockers_type()
    {
        var e = Assert.Throws<TemplateException>(() => Render("{{.Nope}}"));
        Assert.Equal("template parsing error: template: :1:2: executing \"\" at <.Nope>: can't evaluate field Nope in type *network.networkContext", e.Message);
    }

    [Theory]
    [InlineData("2026-11-28T12:00:00.123456789Z", "2026-11-28 12:00:00.123456789 +0000 UTC")]
    [InlineData("2026-11-28T12:00:00.120Z", "2026-11-28 12:00:00.12 +0000 UTC")]
    [InlineData("2026-11-28T12:00:00+02:00", "2026-11-28 12:00:00 +0200 +0200")]
    [InlineData("", "0001-01-01 00:00:00 +0000 UTC")]
    public void Created_reads_as_gos_time_string(string rfc3339, string expected) => Assert.Equal(expected, NetworkRows.GoTime(rfc3339));
}
