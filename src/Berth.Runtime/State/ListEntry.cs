namespace Berth.Runtime.State;

// One row of `list --format json`, with runc's field names.
public sealed class ListEntry
{
    public string OciVersion { get; set; } = "1.2.0";
    public string Id { get; set; } = "";
    public int Pid { get; set; }
    public string Status { get; set; } = "";
    public string Bundle { get; set; } = "";
    public string Rootfs { get; set; } = "";
    public DateTime Created { get; set; }
    public string Owner { get; set; } = "root";
}
