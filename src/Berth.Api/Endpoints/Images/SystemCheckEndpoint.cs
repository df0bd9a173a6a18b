using Berth.Api.Http;
using Berth.Api.Models.Images;
using Berth.Images;

namespace Berth.Api.Endpoints.Images;

// POST /berth/system/check[?repair=1]: Berth's own endpoint (Docker has none) behind `berth system check`.
// Verifies every blob's digest and every reference of the image store, repairing what it can when asked.
public sealed class SystemCheckEndpoint(ImageStore store)
{
    public void Register(RouteTable routes) => routes.Map("POST", "/berth/system/check", ImageErrorMapping.Guard(Check));

    private Task Check(RequestContext request) =>
        ApiResponses.WriteJson(request.Http, 200, store.Check(request.Flag("repair")), ImagesJson.Context.CheckReport);
}
