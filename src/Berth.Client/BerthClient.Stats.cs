using System.Runtime.CompilerServices;
using Berth.Api.Models.Containers;

namespace Berth.Client;

// GET /containers/{id}/stats: one sample (stream false) or one a second until the caller stops reading.
public sealed partial class BerthClient
{
    public async IAsyncEnumerable<ContainerStatsResponse> GetContainerStatsAsync(string id, bool stream, bool oneShot,
        [EnumeratorCancellation] CancellationToken cancel = default)
    {
        var path = $"containers/{Escape(id)}/stats" + Query(("one-shot", Flag(oneShot)), ("stream", stream ? "1" : "0"));
        await foreach (var sample in GetJsonLinesAsync(path, ContainerStatsJsonContext.Default.ContainerStatsResponse, cancel).ConfigureAwait(false))
            yield return sample;
    }
}
