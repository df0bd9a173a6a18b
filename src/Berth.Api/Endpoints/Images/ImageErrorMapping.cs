using Berth.Api.Http;
using Berth.Images;
using Berth.Images.Archives;
using Berth.Images.References;

namespace Berth.Api.Endpoints.Images;

// The image store's exceptions as Docker's statuses, so clients print "No such image: x" and exit 1.
public static class ImageErrorMapping
{
    public static RouteHandler Guard(RouteHandler handler) => async request =>
    {
        try
        {
            await handler(request);
        }
        catch (Exception e) when (Map(e) is { } api)
        {
            throw api;
        }
    };

    internal static ApiException? Map(Exception e) => e switch
    {
        ImageNotFoundException => ApiException.NotFound(e.Message),
        ImageConflictException => new ApiException(409, e.Message),
        InvalidImageInputException or InvalidReferenceException or InvalidArchiveException => ApiException.BadRequest(e.Message),
        _ => null,
    };
}
