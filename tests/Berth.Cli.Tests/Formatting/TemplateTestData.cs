using Berth.Cli.Formatting;

namespace Berth.Cli.Tests.Formatting;

internal static class TemplateTestData
{
    public static TemplateObject Container()
    {
        var nested = new TemplateObject("types.Nested").Set("Inner", TemplateObject.Map([new("X", "y")]));
        return new TemplateObject("*formatter.ContainerContext")
            .Set("ID", "abc")
            .Set("Name", "web")
            .Set("Names", new[] { "a", "b" })
            .Set("Labels", new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" })
            .Set("Size", 1234)
            .Set("Ratio", 1.5)
            .Set("Big", 1e6)
            .Set("Nested", nested)
            .Set("Empty", "")
            .Set("EmptyList", Array.Empty<string>())
            .Set("Flag", true)
            .Set("Html", "<a&b>")
            .Set("Nil", TemplateValue.Null)
            .SetMethod("Label", args => args[0].AsString == "com.x" ? TemplateValue.String("xv") : TemplateValue.EmptyString);
    }

    public static string Run(string template, TemplateObject? data = null)
        => GoTemplate.Parse(template).Execute(TemplateValue.Object(data ?? Container()));
}
