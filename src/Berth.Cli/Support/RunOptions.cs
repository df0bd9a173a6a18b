using Berth.Api.Models.Containers;

namespace Berth.Cli.Support;

// What `berth run` / `berth create` were asked to do: the create request plus the client-side choices.
public sealed record RunOptions(
    ContainerCreateRequest Request,
    string Image,
    string? Name,
    string? Platform,
    bool Detach,
    bool SigProxy,
    string? DetachKeys,
    string? CidFile,
    string Pull);
