namespace Berth.Engine.Networks;

// A container's membership of one network, kept in its record: what the user asked for at create or connect,
// and, while it runs, the endpoint made for it.
public sealed class ContainerEndpoint
{
    public string NetworkId { get; set; } = "";
    public List<string>? Aliases { get; set; }
    public string? RequestedIp { get; set; }
    public string? RequestedMac { get; set; }

    public string? EndpointId { get; set; }
    public string? IPAddress { get; set; }
    public int PrefixLength { get; set; }
    public string? Gateway { get; set; }
    public string? MacAddress { get; set; }
    public string? HostVeth { get; set; }
    public string? InterfaceName { get; set; }

    public void ClearRuntime()
    {
        EndpointId = IPAddress = Gateway = MacAddress = HostVeth = InterfaceName = null;
        PrefixLength = 0;
    }
}

// One host port forwarded to the container while it runs.
public sealed record PublishedPort(string Protocol, string HostIp, int HostPort, int ContainerPort);
