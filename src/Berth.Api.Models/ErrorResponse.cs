namespace Berth.Api.Models;

// Every error body the Engine API sends: clients show Message as is.
public sealed class ErrorResponse
{
    public string Message { get; set; } = "";
}
