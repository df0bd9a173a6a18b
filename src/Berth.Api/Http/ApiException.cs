namespace Berth.Api.Http;

// A failure a handler reports to the client: Docker's status code and its {"message": ...} text.
public sealed class ApiException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;

    public static ApiException BadRequest(string message) => new(400, message);
    public static ApiException NotFound(string message) => new(404, message);
}
