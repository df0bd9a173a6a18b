using System.Text.Json;
using Berth.Oci;
using Berth.Oci.Json;
using Berth.Oci.Runtime;

namespace Berth.Runtime.Init;

// What the runtime tells `berth init` over the sync socket: the container to set up (create) or the
// process to start inside an existing one (exec).
public sealed class InitConfig
{
    public string Mode { get; set; } = CreateMode;
    public string Id { get; set; } = "";
    public string Bundle { get; set; } = "";
    public string Rootfs { get; set; } = "";
    public RuntimeSpec Spec { get; set; } = new();
    public ProcessSpec Process { get; set; } = new();
    public bool NewMountNamespace { get; set; }
    public bool NewCgroupNamespace { get; set; }
    public bool NewUtsNamespace { get; set; }
    public bool ParentRunsHooks { get; set; }
    public bool HasConsoleSocket { get; set; }
    public bool WaitForStart { get; set; } = true;
    public CgroupLayout? Cgroups { get; set; }

    public const string CreateMode = "create", ExecMode = "exec";

    // The spec travels as the bundle's own bytes; only an exec's process is serialized here.
    public byte[] ToJson(byte[] specJson)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("mode", Mode);
            w.WriteString("id", Id);
            w.WriteString("bundle", Bundle);
            w.WriteString("rootfs", Rootfs);
            w.WriteBoolean("newMountNamespace", NewMountNamespace);
            w.WriteBoolean("newCgroupNamespace", NewCgroupNamespace);
            w.WriteBoolean("newUtsNamespace", NewUtsNamespace);
            w.WriteBoolean("parentRunsHooks", ParentRunsHooks);
            w.WriteBoolean("hasConsoleSocket", HasConsoleSocket);
            w.WriteBoolean("waitForStart", WaitForStart);
            if (Cgroups is { } c)
            {
                w.WriteStartObject("cgroups");
                w.WriteBoolean("unified", c.Unified);
                w.WriteStartArray("hierarchies");
                foreach (var h in c.Hierarchies)
                {
                    w.WriteStartObject();
                    w.WriteString("name", h.Name);
                    w.WriteString("options", h.Options);
                    w.WriteString("hostPath", h.HostPath);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WritePropertyName("spec");
            w.WriteRawValue(specJson);
            if (Mode == ExecMode)
            {
                w.WritePropertyName("process");
                w.WriteRawValue(JsonSerializer.SerializeToUtf8Bytes(Process, OciJsonContext.Default.ProcessSpec));
            }
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    public static InitConfig Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var j = JsonFields.Root(doc.RootElement, "init config");
        var spec = RuntimeSpecReader.Spec(j.Object("spec") ?? throw new FormatException("init config has no spec"));
        return new InitConfig
        {
            Mode = j.String("mode") ?? CreateMode,
            Id = j.String("id") ?? "",
            Bundle = j.String("bundle") ?? "",
            Rootfs = j.String("rootfs") ?? "",
            NewMountNamespace = j.Bool("newMountNamespace"),
            NewCgroupNamespace = j.Bool("newCgroupNamespace"),
            NewUtsNamespace = j.Bool("newUtsNamespace"),
            ParentRunsHooks = j.Bool("parentRunsHooks"),
            HasConsoleSocket = j.Bool("hasConsoleSocket"),
            WaitForStart = j.Bool("waitForStart"),
            Cgroups = j.Object("cgroups") is { } c
                ? new CgroupLayout
                {
                    Unified = c.Bool("unified"),
                    Hierarchies = c.List("hierarchies", h => new CgroupHierarchy
                    {
                        Name = h.String("name") ?? "", Options = h.String("options") ?? "", HostPath = h.String("hostPath") ?? "",
                    }) ?? [],
                }
                : null,
            Spec = spec,
            Process = j.Object("process") is { } p ? RuntimeSpecReader.Process(p) : spec.Process ?? new ProcessSpec(),
        };
    }

    // Descriptor numbers in the init process.
    public const int SyncFd = 3, StateDirFd = 4, ConsoleFd = 5, MountNamespaceFd = 6;
}

// The container's cgroup directories, so init can mount them at /sys/fs/cgroup without parsing mountinfo again.
public sealed class CgroupLayout
{
    public bool Unified { get; set; }
    public List<CgroupHierarchy> Hierarchies { get; set; } = [];
}

public sealed class CgroupHierarchy
{
    // Directory name under /sys/fs/cgroup ("memory", "cpu", "systemd"), superblock options ("memory",
    // "name=systemd"), and this container's directory in the host's hierarchy.
    public string Name { get; set; } = "";
    public string Options { get; set; } = "";
    public string HostPath { get; set; } = "";
}
