using Berth.Cli.Formatting;
using static Berth.Cli.Tests.Formatting.TemplateTestData;

namespace Berth.Cli.Tests.Formatting;

public class GoTemplateTests
{
    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("{{.Name}}", "web")]
    [InlineData("id={{.ID}} name={{ .Name }}", "id=abc name=web")]
    [InlineData("{{.Nested.Inner.X}}", "y")]
    [InlineData("{{.Labels.zzz}}", "<no value>")]
    [InlineData("{{.Labels.a}}", "1")]
    [InlineData("{{.Labels}}", "map[a:1 b:2]")]
    [InlineData("{{.Names}}", "[a b]")]
    [InlineData("{{.Size}}", "1234")]
    [InlineData("{{.Ratio}}", "1.5")]
    [InlineData("{{.Big}}", "1e+06")]
    [InlineData("{{.Flag}}", "true")]
    [InlineData("{{.Nil}}", "<nil>")]
    [InlineData("{{.Nested}}", "{map[X:y]}")]
    [InlineData("{{.Label \"com.x\"}}", "xv")]
    [InlineData("{{\"com.x\" | .Label}}", "xv")]
    [InlineData("{{$.Name}}", "web")]
    [InlineData("{{with .Nested}}{{$.Name}}/{{.Inner.X}}{{end}}", "web/y")]
    public void Fields(string template, string expected) => Assert.Equal(expected, Run(template));

    [Theory]
    [InlineData("a  {{- .Name -}}  b", "awebb")]
    [InlineData("a \n {{- .Name}} \n b", "aweb \n b")]
    [InlineData("a {{.Name -}} \n\t b", "a webb")]
    [InlineData("{{-3}}", "-3")]
    [InlineData("x {{- /* a comment */ -}} y", "xy")]
    [InlineData("x{{/* a comment */}}y", "xy")]
    [InlineData("{{range .Names -}}\n  {{.}}\n{{- end}}", "ab")]
    public void TrimMarkersAndComments(string template, string expected) => Assert.Equal(expected, Run(template));

    [Theory]
    [InlineData("{{range .Names}}[{{.}}]{{end}}", "[a][b]")]
    [InlineData("{{range $i, $v := .Names}}{{$i}}={{$v}} {{end}}", "0=a 1=b ")]
    [InlineData("{{range $v := .Names}}{{$v}}{{end}}", "ab")]
    [InlineData("{{range $k, $v := .Labels}}{{$k}}={{$v}};{{end}}", "a=1;b=2;")]
    [InlineData("{{range .Labels}}{{.}}{{end}}", "12")]
    [InlineData("{{range .EmptyList}}x{{else}}none{{end}}", "none")]
    [InlineData("{{range .Labels.missing}}x{{end}}", "")]
    [InlineData("{{range .Names}}{{if eq . \"a\"}}{{continue}}{{end}}{{.}}{{end}}", "b")]
    [InlineData("{{range .Names}}{{.}}{{break}}{{end}}", "a")]
    [InlineData("{{range 3}}{{.}}{{end}}", "012")]
    [InlineData("{{range $i, $n := .Names}}{{if $i}},{{end}}{{$n}}{{end}}", "a,b")]
    public void Range(string template, string expected) => Assert.Equal(expected, Run(template));

    [Theory]
    [InlineData("{{if eq .Name \"web\"}}yes{{else}}no{{end}}", "yes")]
    [InlineData("{{if .Empty}}a{{else if .Flag}}b{{else}}c{{end}}", "b")]
    [InlineData("{{if .Empty}}a{{else if not .Flag}}b{{else}}c{{end}}", "c")]
    [InlineData("{{if .EmptyList}}a{{end}}", "")]
    [InlineData("{{if .Labels.nope}}a{{else}}b{{end}}", "b")]
    [InlineData("{{with .Nested}}{{.Inner.X}}{{end}}", "y")]
    [InlineData("{{with .Empty}}x{{else}}empty{{end}}", "empty")]
    [InlineData("{{with $x := .Name}}{{$x}}{{.}}{{end}}", "webweb")]
    [InlineData("{{$x := .Name}}{{$x}}{{$x = \"z\"}}{{$x}}", "webz")]
    [InlineData("{{if and .Flag .Name}}ok{{end}}", "ok")]
    public void Conditionals(string template, string expected) => Assert.Equal(expected, Run(template));

    [Theory]
    [InlineData("{{len .Names}} {{len .Labels}} {{len .Name}}", "2 2 3")]
    [InlineData("{{.Names | len}}", "2")]
    [InlineData("{{.Name | printf \"%s!\"}}", "web!")]
    [InlineData("{{index .Labels \"a\"}}", "1")]
    [InlineData("{{index .Labels \"nope\"}}", "")]
    [InlineData("{{index .Names 1}}", "b")]
    [InlineData("{{(index .Names 0)}}", "a")]
    [InlineData("{{join .Names \",\"}}", "a,b")]
    [InlineData("{{join .Names \", \"}}", "a, b")]
    [InlineData("{{split \"a:b:c\" \":\"}}", "[a b c]")]
    [InlineData("{{index (split \"a:b\" \":\") 1}}", "b")]
    [InlineData("{{lower \"ABC\"}} {{upper .Name}} {{title \"hello world-wide\"}}", "abc WEB Hello World-Wide")]
    [InlineData("{{truncate .Name 2}}|{{truncate .Name 10}}", "we|web")]
    [InlineData("[{{pad .Name 1 2}}][{{pad .Empty 1 2}}]", "[ web  ][]")]
    [InlineData("{{and 1 0}} {{and 1 2}} {{or 0 \"x\"}} {{or 0 \"\"}} {{not .Flag}}", "0 2 x  false")]
    [InlineData("{{lt 1 2}} {{ge 2.5 2.5}} {{ne \"a\" \"b\"}} {{gt \"b\" \"a\"}} {{le 3 2}}", "true true true true false")]
    [InlineData("{{eq 1 2 1}} {{eq .Flag true}} {{eq .Nil nil}}", "true true true")]
    [InlineData("{{print 1 2 \"a\" \"b\" 3}}", "1 2ab3")]
    [InlineData("{{println \"a\" 1}}", "a 1\n")]
    [InlineData("{{slice .Name 1}} {{slice .Names 0 1}}", "eb [a]")]
    [InlineData("{{(index .Nested.Inner \"X\")}}{{(.Nested).Inner.X}}", "yy")]
    [InlineData("{{'a'}} {{0x1F}} {{1_000}} {{2.50}} {{true}}", "97 31 1000 2.5 true")]
    [InlineData("{{\"q\\\"\\t\"}}|{{`raw\\n`}}", "q\"\t|raw\\n")]
    public void Functions(string template, string expected) => Assert.Equal(expected, Run(template));

    [Theory]
    [InlineData("{{printf \"%-10s|\" .Name}}", "web       |")]
    [InlineData("{{printf \"%10s|\" .Name}}", "       web|")]
    [InlineData("{{printf \"%.2s\" .Name}}", "we")]
    [InlineData("{{printf \"%5d|%x|%X|%q|%t|%v\" .Size 255 255 .Name .Flag .Ratio}}", " 1234|ff|FF|\"web\"|true|1.5")]
    [InlineData("{{printf \"%05d|%-5d|%+d\" 42 42 42}}", "00042|42   |+42")]
    [InlineData("{{printf \"%v %v %v\" .Names .Labels .Nil}}", "[a b] map[a:1 b:2] <nil>")]
    [InlineData("{{printf \"%s\" .Names}}", "[a b]")]
    [InlineData("{{printf \"%x\" \"hi\"}}", "6869")]
    [InlineData("{{printf \"%.2f %f %g %e\" .Ratio .Ratio .Big .Ratio}}", "1.50 1.500000 1e+06 1.500000e+00")]
    [InlineData("{{printf \"%s\" 5}}", "%!s(int=5)")]
    [InlineData("{{printf \"%d\" \"x\"}}", "%!d(string=x)")]
    [InlineData("{{printf \"%d %d\" 1}}", "1 %!d(MISSING)")]
    [InlineData("{{printf \"%d\" 1 2}}", "1%!(EXTRA int=2)")]
    [InlineData("{{printf \"100%%\"}}", "100%")]
    [InlineData("{{printf \"%c|%q\" 65 65}}", "A|'A'")]
    [InlineData("{{printf \"%q\" \"a\\nb\"}}", "\"a\\nb\"")]
    [InlineData("{{printf \"%6.2f|\" 3.14159}}", "  3.14|")]
    public void Printf(string template, string expected) => Assert.Equal(expected, Run(template));

    [Theory]
    [InlineData("{{json .Labels}}", "{\"a\":\"1\",\"b\":\"2\"}")]
    [InlineData("{{json .Names}}", "[\"a\",\"b\"]")]
    [InlineData("{{json .Name}}", "\"web\"")]
    [InlineData("{{json .Size}} {{json .Ratio}} {{json .Big}} {{json .Flag}} {{json .Nil}}", "1234 1.5 1000000 true null")]
    [InlineData("{{json .Nested}}", "{\"Inner\":{\"X\":\"y\"}}")]
    // docker's json function turns off Go's HTML escaping (SetEscapeHTML(false)).
    [InlineData("{{json .Html}}", "\"<a&b>\"")]
    public void Json(string template, string expected) => Assert.Equal(expected, Run(template));

    [Fact]
    public void JsonOfWholeStructKeepsFieldOrderAndSkipsMethods()
    {
        var o = new TemplateObject("T").Set("Z", 1).Set("A", "x").SetMethod("M", _ => TemplateValue.Null);
        Assert.Equal("{\"Z\":1,\"A\":\"x\"}", Run("{{json .}}", o));
        var sorted = new TemplateObject("T") { SortJsonKeys = true }.Set("Z", 1).Set("A", "x");
        Assert.Equal("{\"A\":\"x\",\"Z\":1}", Run("{{json .}}", sorted));
    }

    [Fact]
    public void JsonElementDataBehavesLikeGoUnmarshalledMap()
    {
        using var doc = System.Text.Json.JsonDocument.Parse("""{"b":{"c":[1,2.5,"x"]},"a":3,"n":null,"t":true}""");
        var v = TemplateValue.FromJson(doc.RootElement);
        Assert.Equal("3 [1 2.5 x] true", GoTemplate.Parse("{{.a}} {{.b.c}} {{.t}}").Execute(v));
        Assert.Equal("{\"a\":3,\"b\":{\"c\":[1,2.5,\"x\"]},\"n\":null,\"t\":true}", GoTemplate.Parse("{{json .}}").Execute(v));
        Assert.Equal("a=3 b=map[c:[1 2.5 x]] n=<nil> t=true ", GoTemplate.Parse("{{range $k, $v := .}}{{$k}}={{$v}} {{end}}").Execute(v));
        Assert.Equal("<no value>", GoTemplate.Parse("{{.missing.deeper}}").Execute(v));
    }

    [Fact]
    public void FromConvertsPlainClrData()
    {
        var data = TemplateObject.Map(new Dictionary<string, object?>
        {
            ["list"] = new List<object?> { 1, "two", null },
            ["map"] = new Dictionary<string, object?> { ["k"] = 2L },
        });
        Assert.Equal("[1 two <nil>] map[k:2]", Run("{{.list}} {{.map}}", data));
    }

    [Fact]
    public void TimesPrintLikeGoTimeString()
    {
        var t = new DateTimeOffset(2026, 11, 28, 4, 0, 57, TimeSpan.Zero).AddTicks(1_234_500);
        Assert.Equal("2026-11-28 04:00:57.12345 +0000 UTC", TemplateValue.From(t).AsString);
        Assert.Equal("2026-11-28 04:00:57 +0130 +0130", TemplateValue.From(new DateTimeOffset(2026, 11, 28, 4, 0, 57, new TimeSpan(1, 30, 0))).AsString);
    }

    [Theory]
    [InlineData("{{title \"ab_cd ef.gh 3x\"}}", "Ab_cd Ef.Gh 3x")]
    [InlineData("{{title \"élan vital\"}}", "Élan Vital")]
    public void TitleMatchesStringsTitle(string template, string expected) => Assert.Equal(expected, Run(template));

    [Theory]
    [InlineData("{{.Nope}}", "template: :1:2: executing \"\" at <.Nope>: can't evaluate field Nope in type *formatter.ContainerContext")]
    [InlineData("line1\n  {{.Nope}}", "template: :2:4: executing \"\" at <.Nope>: can't evaluate field Nope in type *formatter.ContainerContext")]
    [InlineData("{{.Name.Foo}}", "template: :1:2: executing \"\" at <.Name.Foo>: can't evaluate field Foo in type string")]
    [InlineData("{{.Nil.Foo}}", "template: :1:2: executing \"\" at <.Nil.Foo>: nil pointer evaluating interface {}.Foo")]
    [InlineData("{{index .Names 5}}", "template: :1:2: executing \"\" at <index .Names 5>: error calling index: index out of range: 5")]
    [InlineData("{{eq .Size 1.5}}", "template: :1:2: executing \"\" at <eq .Size 1.5>: error calling eq: incompatible types for comparison")]
    [InlineData("{{join .Name \",\"}}", "template: :1:2: executing \"\" at <join .Name \",\">: error calling join: wrong type for value; expected []string; got string")]
    [InlineData("{{upper 1}}", "template: :1:2: executing \"\" at <upper 1>: error calling upper: wrong type for value; expected string; got int")]
    [InlineData("{{len}}", "template: :1:2: executing \"\" at <len>: wrong number of args for len: want 1 got 0")]
    [InlineData("{{.Name 1}}", "template: :1:2: executing \"\" at <.Name>: Name has arguments but cannot be invoked as function")]
    public void ExecutionErrors(string template, string expected)
    {
        var e = Assert.Throws<TemplateException>(() => Run(template));
        Assert.Equal(expected, e.Message);
    }

    [Theory]
    [InlineData("{{.Name", "template: :1: unclosed action")]
    [InlineData("{{foo}}", "template: :1: function \"foo\" not defined")]
    [InlineData("{{if .Flag}}x", "template: :1: unexpected EOF")]
    [InlineData("{{end}}", "template: :1: unexpected {{end}}")]
    [InlineData("a\n{{else}}", "template: :2: unexpected {{else}}")]
    [InlineData("{{$y}}", "template: :1: undefined variable \"$y\"")]
    [InlineData("{{}}", "template: :1: missing value for command")]
    [InlineData("{{.A | }}", "template: :1: missing command")]
    [InlineData("{{\"abc}}", "template: :1: unterminated quoted string")]
    [InlineData("{{break}}", "template: :1: {{break}} outside {{range}}")]
    [InlineData("{{(.A}}", "template: :1: unclosed left paren")]
    [InlineData("{{/* x }}", "template: :1: unclosed comment")]
    public void ParseErrors(string template, string expected)
    {
        var e = Assert.Throws<TemplateException>(() => GoTemplate.Parse(template));
        Assert.Equal(expected, e.Message);
    }

    [Fact]
    public void MethodErrorsAreReportedAtTheCall()
    {
        var o = new TemplateObject("*formatter.ContainerContext").SetMethod("Label", _ => throw new TemplateException("boom"));
        var e = Assert.Throws<TemplateException>(() => Run("{{.Label \"x\"}}", o));
        Assert.Equal("template: :1:2: executing \"\" at <.Label>: error calling Label: boom", e.Message);
    }

    [Fact]
    public void OutputBeforeAnErrorIsKept()
    {
        var sb = new System.Text.StringBuilder();
        Assert.Throws<TemplateException>(() => GoTemplate.Parse("ok {{.Nope}}").Execute(TemplateValue.Object(Container()), sb));
        Assert.Equal("ok ", sb.ToString());
    }
}
