using System.Text.Json;
using Berth.Oci.Json;
using Berth.Oci.Runtime;

namespace Berth.Runtime.State;

// What the runtime remembers about a container between commands: <root>/<id>/state.json, beside a copy
// of the bundle's config.json so that delete and exec work even after the bundle is gone.
public sealed class ContainerRecord
{
    public string Id { get; set; } = "";
    public string Bundle { get; set; } = "";
    public string Rootfs { get; set; } = "";
    public int Pid { get; set; }
    public ulong PidStartTime { get; set; }
    public DateTime Created { get; set; }
    public string CgroupsPath { get; set; } = "";
    public RuntimeSpec Spec { get; set; } = new();
    public byte[] SpecJson { get; set; } = [];

    public ContainerState ToOciState(string status) => new()
    {
        Id = Id,
        Status = status,
        Pid = status is "stopped" ? 0 : Pid,
        Bundle = Bundle,
        Annotations = Spec.Annotations,
    };

    // Written by hand for the same reason the spec is read by hand: the serializer's first call is slow.
    public byte[] ToStateJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("id", Id);
            w.WriteString("bundle", Bundle);
            w.WriteString("rootfs", Rootfs);
            w.WriteNumber("pid", Pid);
            w.WriteNumber("pidStartTime", PidStartTime);
            w.WriteString("created", Created);
            w.WriteString("cgroupsPath", CgroupsPath);
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    public static ContainerRecord FromStateJson(byte[] state, byte[] spec)
    {
        using var doc = JsonDocument.Parse(state);
        var j = JsonFields.Root(doc.RootElement, "state.json");
        return new ContainerRecord
        {
            Id = j.String("id") ?? "",
            Bundle = j.String("bundle") ?? "",
            Rootfs = j.String("rootfs") ?? "",
            Pid = j.Int32("pid") ?? 0,
            PidStartTime = j.UInt64("pidStartTime") ?? 0,
            Created = j.Element.TryGetProperty("created", out var c) && c.TryGetDateTime(out var d) ? d : default,
            CgroupsPath = j.String("cgroupsPath") ?? "",
            Spec = RuntimeSpecReader.Read(spec),
            SpecJson = spec,
        };
    }
}
