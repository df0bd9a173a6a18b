using System.Runtime.CompilerServices;
using System.Text.Json;
using Berth.Api.Models.Containers;

namespace Berth.Client;

// GET /containers/{id}/stats: one sample (stream false) or one a second until the caller stops reading.
public sealed partial class BerthClient
{
    public async IAsyncEnumerable<ContainerStatsResponse> GetContainerStatsAsync(string id, bool stream, bool oneShot,
        [EnumeratorCancellation] CancellationToken cancel = default)
    {
        var path = $"containers/{Escape(id)}/stats" + Query(("one-shot", Flag(oneShot)), ("stream", stream ? "1" : "0"));
        using var response = await Send(HttpMethod.Get, path, versioned: true, cancel).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw await ErrorMapping.FromResponse(response, cancel).ConfigureAwait(false);
        await using var body = await response.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false);
        using var reader = new StreamReader(body);
        while (await reader.ReadLineAsync(cancel).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0) continue;
            if (JsonSerializer.Deserialize(line, ContainerStatsJsonContext.Default.ContainerStatsResponse) is { } sample)
                yield return sample;
        }
    }
}
