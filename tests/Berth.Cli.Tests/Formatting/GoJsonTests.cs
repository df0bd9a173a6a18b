using Berth.Cli.Formatting;

namespace Berth.Cli.Tests.Formatting;

public class GoJsonTests
{
    [Theory]
    [InlineData("<a&b>", "\"\\u003ca\\u0026b\\u003e\"")]
    [InlineData("q\"\\", "\"q\\\"\\\\\"")]
    [InlineData("\n\r\t\b\f", "\"\\n\\r\\t\\b\\f\"")]
    [InlineData("\u0001\u001f", "\"\\u0001\\u001f\"")]
    [InlineData("\u2028\u2029", "\"\\u2028\\u2029\"")]
    [InlineData("héllo 🐳", "\"héllo 🐳\"")]
    public void StringsEscapeLikeGoMarshal(string s, string expected)
        => Assert.Equal(expected, GoJson.Marshal(TemplateValue.String(s)));

    [Fact]
    public void HtmlEscapingCanBeDisabledAsDockerDoes()
        => Assert.Equal("\"<a&b>\"", GoJson.Marshal(TemplateValue.String("<a&b>"), escapeHtml: false));

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1.5, "1.5")]
    [InlineData(100.0, "100")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1.5e300, "1.5e+300")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(-2.5e-10, "-2.5e-10")]
    [InlineData(0.1, "0.1")]
    [InlineData(123456789.125, "123456789.125")]
    public void FloatsUseGoSpelling(double f, string expected) => Assert.Equal(expected, GoJson.FormatFloat(f));

    [Fact]
    public void MapsSortKeysStructsKeepOrder()
    {
        var map = TemplateObject.Map([new("b", 1), new("a", new[] { "x" })]);
        Assert.Equal("{\"a\":[\"x\"],\"b\":1}", GoJson.Marshal(TemplateValue.Object(map)));
        var st = TemplateObject.Struct("T", [new("b", 1), new("a", null)]);
        Assert.Equal("{\"b\":1,\"a\":null}", GoJson.Marshal(TemplateValue.Object(st)));
        Assert.Equal("[]", GoJson.Marshal(TemplateValue.List(Array.Empty<TemplateValue>())));
    }

    [Theory]
    [InlineData(1e6, "1e+06")]
    [InlineData(123456.0, "123456")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(-3.0, "-3")]
    [InlineData(2.5e-8, "2.5e-08")]
    public void PrintedFloatsUseGoPercentV(double f, string expected)
        => Assert.Equal(expected, TemplateValue.Float(f).ToString());
}
