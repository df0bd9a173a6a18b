using System.Text;
using System.Text.Json;

namespace Berth.Client.Tests;

public class RunAnswersTests
{
    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void A_create_answer_gives_its_id_and_warnings_and_skips_the_rest()
    {
        var created = RunAnswers.ReadCreated(Utf8("""{"Other":{"a":[1,{"b":null}]},"Id":"abc\u0031","Warnings":["one","two"]}"""));
        Assert.Equal("abc1", created.Id);
        Assert.Equal(["one", "two"], created.Warnings);
    }

    [Fact]
    public void Null_warnings_are_none() =>
        Assert.Empty(RunAnswers.ReadCreated(Utf8("""{"Id":"abc","Warnings":null}""")).Warnings);

    [Fact]
    public void A_wait_answer_gives_the_exit_and_the_error_message()
    {
        var ok = RunAnswers.ReadWait(Utf8("""{"StatusCode":137,"Error":null}""" + "\n"));
        Assert.Equal(137, ok.StatusCode);
        Assert.Null(ok.Error);

        var failed = RunAnswers.ReadWait(Utf8("""{"Error":{"Message":"container vanished","Extra":1},"StatusCode":-1}"""));
        Assert.Equal(-1, failed.StatusCode);
        Assert.Equal("container vanished", failed.Error?.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{\"Id\":5}")]
    [InlineData("{\"Id\":\"a\"")]
    [InlineData("{\"Warnings\":\"no list\"}")]
    public void Unreadable_create_answers_are_json_errors(string json) =>
        Assert.ThrowsAny<JsonException>(() => RunAnswers.ReadCreated(Utf8(json)));

    [Fact]
    public void A_wait_answer_with_a_non_number_status_is_an_error() =>
        Assert.ThrowsAny<Exception>(() => RunAnswers.ReadWait(Utf8("""{"StatusCode":"zero"}""")));
}
