namespace Berth.Images;

// "No such image: x" (HTTP 404 in the API).
public sealed class ImageNotFoundException(string reference) : Exception($"No such image: {reference}")
{
    public string Reference { get; } = reference;
}

// A delete or tag that Docker refuses with 409 Conflict.
public sealed class ImageConflictException(string message) : Exception(message);

// Input that cannot be used as given (HTTP 400): bad filters, changes, archives.
public sealed class InvalidImageInputException(string message) : Exception(message);
