namespace Berth.Engine.Networks;

public sealed partial class NetworkService
{
    // TEMPORARY until the firewall lands: must not be merged as is.
    private void ApplyFirewall() { }
}
