using System.Text;
using System.Text.Json;
using Berth.Api.Models.Containers;

namespace Berth.Client;

// The two small answers `run` reads (create's id and warnings, wait's exit), read with Utf8JsonReader directly:
// the generated metadata would first build converters and type information (and wake reflection's assembly
// binder) in every CLI process for a handful of members. Members are matched as the shared context matches them
// (case-sensitively); others are skipped.
internal static class RunAnswers
{
    public static ContainerCreateResponse ReadCreated(ReadOnlySpan<byte> json)
    {
        var reader = Start(json);
        var created = new ContainerCreateResponse();
        while (NextMember(ref reader) is { } name)
        {
            if (name.SequenceEqual("Id"u8)) created.Id = reader.TokenType == JsonTokenType.Null ? "" : String(ref reader);
            else if (name.SequenceEqual("Warnings"u8)) created.Warnings = Strings(ref reader);
            else reader.Skip();
        }
        return created;
    }

    public static ContainerWaitResponse ReadWait(ReadOnlySpan<byte> json)
    {
        var reader = Start(json);
        var wait = new ContainerWaitResponse();
        while (NextMember(ref reader) is { } name)
        {
            if (name.SequenceEqual("StatusCode"u8)) wait.StatusCode = reader.GetInt64();
            else if (name.SequenceEqual("Error"u8)) wait.Error = WaitError(ref reader);
            else reader.Skip();
        }
        return wait;
    }

    private static ContainerWaitError? WaitError(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        Expect(ref reader, JsonTokenType.StartObject);
        var error = new ContainerWaitError();
        while (NextMember(ref reader) is { } name)
        {
            if (name.SequenceEqual("Message"u8)) error.Message = reader.TokenType == JsonTokenType.Null ? null : String(ref reader);
            else reader.Skip();
        }
        return error;
    }

    private static Utf8JsonReader Start(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read()) throw new JsonException("the answer is empty");
        Expect(ref reader, JsonTokenType.StartObject);
        return reader;
    }

    // The next member's name, the reader left on its value; null at the object's end.
    private static byte[]? NextMember(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.EndObject) return null;
        Expect(ref reader, JsonTokenType.PropertyName);
        var name = reader.HasValueSequence || reader.ValueIsEscaped
            ? Encoding.UTF8.GetBytes(reader.GetString()!)
            : reader.ValueSpan.ToArray();
        reader.Read();
        return name;
    }

    private static List<string> Strings(ref Utf8JsonReader reader)
    {
        var list = new List<string>();
        if (reader.TokenType == JsonTokenType.Null) return list;
        Expect(ref reader, JsonTokenType.StartArray);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) list.Add(String(ref reader));
        return list;
    }

    private static string String(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.String);
        return reader.GetString()!;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (reader.TokenType != type) throw new JsonException($"expected {type}, found {reader.TokenType}");
    }
}
