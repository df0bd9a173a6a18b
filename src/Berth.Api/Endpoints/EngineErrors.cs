using Berth.Api.Http;
using Berth.Engine;

namespace Berth.Api.Endpoints;

// Runs a handler and answers the engine's refusals with their status and {"message": ...}, and a malformed
// argument (a bad filters query) with 400, as dockerd does.
public static class EngineErrors
{
    public static RouteHandler Guard(RouteHandler handler) => async request =>
    {
        try
        {
            await handler(request);
        }
        catch (EngineException e)
        {
            throw new ApiException(e.Status, e.Message);
        }
        catch (ArgumentException e)
        {
            throw ApiException.BadRequest(e.Message);
        }
    };
}
