using Berth.Api.Models.Containers;
using ImageHealthcheck = Berth.Oci.Image.HealthcheckConfig;

namespace Berth.Engine.Containers.Health;

// The container's health check at create, as dockerd merges it: the request's, with each field it leaves unset
// taken from the image's HEALTHCHECK.
public static class HealthConfigMerge
{
    public static HealthConfig? Merge(HealthConfig? request, ImageHealthcheck? image)
    {
        if (image is null) return request;
        if (request is null)
            return new HealthConfig
            {
                Test = image.Test,
                Interval = image.Interval,
                Timeout = image.Timeout,
                Retries = image.Retries,
                StartPeriod = image.StartPeriod,
                StartInterval = image.StartInterval,
            };
        return new HealthConfig
        {
            Test = request.Test is { Count: > 0 } ? request.Test : image.Test,
            Interval = request.Interval is > 0 ? request.Interval : image.Interval,
            Timeout = request.Timeout is > 0 ? request.Timeout : image.Timeout,
            Retries = request.Retries is > 0 ? request.Retries : image.Retries,
            StartPeriod = request.StartPeriod is > 0 ? request.StartPeriod : image.StartPeriod,
            StartInterval = request.StartInterval is > 0 ? request.StartInterval : image.StartInterval,
        };
    }
}
