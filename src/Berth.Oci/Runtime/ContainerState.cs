namespace Berth.Oci.Runtime;

// The OCI state of a container, as `state` prints it and hooks read it on stdin.
public sealed class ContainerState
{
    public string OciVersion { get; set; } = "1.2.0";
    public string Id { get; set; } = "";
    public string Status { get; set; } = "";
    public int Pid { get; set; }
    public string Bundle { get; set; } = "";
    public Dictionary<string, string>? Annotations { get; set; }
}
