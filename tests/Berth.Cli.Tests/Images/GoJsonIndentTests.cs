using System.Text;
using Berth.Cli.Formatting;

namespace Berth.Cli.Tests.Images;

public class GoJsonIndentTests
{
    [Fact]
    public void No_elements_is_an_empty_array() => Assert.Equal("[]", GoJsonIndent.Array([]));

    [Fact]
    public void Objects_are_indented_by_four_spaces_and_empty_containers_stay_on_one_line()
    {
        var raw = Encoding.UTF8.GetBytes("{\"Id\":\"sha256:1\",\"RepoTags\":[\"a:1\",\"b:2\"],\"Labels\":{},\"Digests\":[],\"Size\":12,\"X\":null,\"Y\":true}");
        Assert.Equal(
            "[\n    {\n        \"Id\": \"sha256:1\",\n        \"RepoTags\": [\n            \"a:1\",\n            \"b:2\"\n        ],\n" +
            "        \"Labels\": {},\n        \"Digests\": [],\n        \"Size\": 12,\n        \"X\": null,\n        \"Y\": true\n    }\n]",
            GoJsonIndent.Array([raw]));
    }

    [Fact]
    public void Escapes_are_kept_and_html_characters_escaped_as_go_does()
    {
        var raw = Encoding.UTF8.GetBytes("{\"Cmd\":\"a \\\"b\\\" <c> & d\\n\"}");
        Assert.Equal("[\n    {\n        \"Cmd\": \"a \\\"b\\\" \\u003cc\\u003e \\u0026 d\\n\"\n    }\n]", GoJsonIndent.Array([raw]));
    }

    [Fact]
    public void Several_objects_are_separated_by_commas()
    {
        var text = GoJsonIndent.Array([Encoding.UTF8.GetBytes("{\"a\":1}"), Encoding.UTF8.GetBytes("{\"a\":2}")]);
        Assert.Equal("[\n    {\n        \"a\": 1\n    },\n    {\n        \"a\": 2\n    }\n]", text);
    }
}
