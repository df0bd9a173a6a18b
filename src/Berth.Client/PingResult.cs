using Berth.Api.Models;

namespace Berth.Client;

// What /_ping's headers say about the daemon.
public sealed record PingResult(ApiVersion? ApiVersion, string? OsType, bool Experimental, string? BuilderVersion, string? Server);
