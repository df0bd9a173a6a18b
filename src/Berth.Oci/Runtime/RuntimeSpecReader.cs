using System.Text.Json;
using Berth.Oci.Json;

namespace Berth.Oci.Runtime;

// Reads config.json (and process.json) by hand over JsonDocument: it is on every container's start path,
// twice (runtime and init), and this costs ~0.1 ms where the serializer's first call costs ~2 ms.
// Errors are FormatException with the field's path, or JsonException for malformed JSON.
public static class RuntimeSpecReader
{
    public static RuntimeSpec Read(ReadOnlyMemory<byte> json)
    {
        using var doc = JsonDocument.Parse(json);
        return Spec(JsonFields.Root(doc.RootElement, "config.json"));
    }

    public static ProcessSpec ReadProcess(ReadOnlyMemory<byte> json)
    {
        using var doc = JsonDocument.Parse(json);
        return Process(JsonFields.Root(doc.RootElement, "process.json"));
    }

    public static RuntimeSpec Spec(JsonFields j) => new()
    {
        OciVersion = j.String("ociVersion") ?? "",
        Process = j.Object("process") is { } p ? Process(p) : null,
        Root = j.Object("root") is { } r ? new RootSpec { Path = r.String("path") ?? "", Readonly = r.Bool("readonly") } : null,
        Hostname = j.String("hostname"),
        Domainname = j.String("domainname"),
        Mounts = j.List("mounts", m => new MountSpec
        {
            Destination = m.String("destination") ?? "",
            Type = m.String("type"),
            Source = m.String("source"),
            Options = m.Strings("options"),
        }),
        Hooks = j.Object("hooks") is { } h ? Hooks(h) : null,
        Annotations = j.StringMap("annotations"),
        Linux = j.Object("linux") is { } l ? Linux(l) : null,
    };

    public static ProcessSpec Process(JsonFields p) => new()
    {
        Terminal = p.Bool("terminal"),
        ConsoleSize = p.Object("consoleSize") is { } c ? new ConsoleSize { Height = c.UInt32("height") ?? 0, Width = c.UInt32("width") ?? 0 } : null,
        User = p.Object("user") is { } u
            ? new UserSpec { Uid = u.UInt32("uid") ?? 0, Gid = u.UInt32("gid") ?? 0, Umask = u.UInt32("umask"), AdditionalGids = u.UInt32s("additionalGids") }
            : new UserSpec(),
        Args = p.Strings("args"),
        Env = p.Strings("env"),
        Cwd = p.String("cwd") ?? "/",
        Capabilities = p.Object("capabilities") is { } caps
            ? new CapabilitiesSpec
            {
                Bounding = caps.Strings("bounding"), Effective = caps.Strings("effective"), Inheritable = caps.Strings("inheritable"),
                Permitted = caps.Strings("permitted"), Ambient = caps.Strings("ambient"),
            }
            : null,
        Rlimits = p.List("rlimits", r => new RlimitSpec { Type = r.String("type") ?? "", Hard = r.UInt64("hard") ?? 0, Soft = r.UInt64("soft") ?? 0 }),
        NoNewPrivileges = p.Bool("noNewPrivileges"),
        ApparmorProfile = p.String("apparmorProfile"),
        OomScoreAdj = p.Int32("oomScoreAdj"),
        SelinuxLabel = p.String("selinuxLabel"),
    };

    private static HooksSpec Hooks(JsonFields h)
    {
        static List<HookSpec>? List(JsonFields h, string name) => h.List(name, x => new HookSpec
        {
            Path = x.String("path") ?? "",
            Args = x.Strings("args"),
            Env = x.Strings("env"),
            Timeout = x.Int32("timeout"),
        });
        return new HooksSpec
        {
            Prestart = List(h, "prestart"), CreateRuntime = List(h, "createRuntime"), CreateContainer = List(h, "createContainer"),
            StartContainer = List(h, "startContainer"), Poststart = List(h, "poststart"), Poststop = List(h, "poststop"),
        };
    }

    private static LinuxSpec Linux(JsonFields l) => new()
    {
        Namespaces = l.List("namespaces", n => new NamespaceSpec { Type = n.String("type") ?? "", Path = n.String("path") }),
        UidMappings = l.List("uidMappings", IdMap),
        GidMappings = l.List("gidMappings", IdMap),
        Devices = l.List("devices", d => new DeviceSpec
        {
            Type = d.String("type") ?? "", Path = d.String("path") ?? "", Major = d.Int64("major") ?? 0, Minor = d.Int64("minor") ?? 0,
            FileMode = d.UInt32("fileMode"), Uid = d.UInt32("uid"), Gid = d.UInt32("gid"),
        }),
        CgroupsPath = l.String("cgroupsPath"),
        Resources = l.Object("resources") is { } r ? Resources(r) : null,
        RootfsPropagation = l.String("rootfsPropagation"),
        Seccomp = l.Object("seccomp") is { } s ? Seccomp(s) : null,
        Sysctl = l.StringMap("sysctl"),
        MaskedPaths = l.Strings("maskedPaths"),
        ReadonlyPaths = l.Strings("readonlyPaths"),
        MountLabel = l.String("mountLabel"),
    };

    private static IdMapping IdMap(JsonFields m) =>
        new() { ContainerID = m.UInt32("containerID") ?? 0, HostID = m.UInt32("hostID") ?? 0, Size = m.UInt32("size") ?? 0 };

    private static ResourcesSpec Resources(JsonFields r) => new()
    {
        Devices = r.List("devices", d => new DeviceCgroupRule
        {
            Allow = d.Bool("allow"), Type = d.String("type"), Major = d.Int64("major"), Minor = d.Int64("minor"), Access = d.String("access"),
        }),
        Memory = r.Object("memory") is { } m
            ? new MemorySpec
            {
                Limit = m.Int64("limit"), Reservation = m.Int64("reservation"), Swap = m.Int64("swap"), Kernel = m.Int64("kernel"),
                KernelTCP = m.Int64("kernelTCP"), Swappiness = m.UInt64("swappiness"), DisableOOMKiller = m.OptionalBool("disableOOMKiller"),
            }
            : null,
        Cpu = r.Object("cpu") is { } c
            ? new CpuSpec
            {
                Shares = c.UInt64("shares"), Quota = c.Int64("quota"), Period = c.UInt64("period"), RealtimeRuntime = c.Int64("realtimeRuntime"),
                RealtimePeriod = c.UInt64("realtimePeriod"), Cpus = c.String("cpus"), Mems = c.String("mems"), Idle = c.Int64("idle"),
            }
            : null,
        Pids = r.Object("pids") is { } p ? new PidsSpec { Limit = p.Int64("limit") ?? 0 } : null,
        BlockIO = r.Object("blockIO") is { } b ? BlockIo(b) : null,
        HugepageLimits = r.List("hugepageLimits", h => new HugepageLimit { PageSize = h.String("pageSize") ?? "", Limit = h.UInt64("limit") ?? 0 }),
        Unified = r.StringMap("unified"),
    };

    private static BlockIoSpec BlockIo(JsonFields b)
    {
        static ThrottleDevice Throttle(JsonFields t) => new() { Major = t.Int64("major") ?? 0, Minor = t.Int64("minor") ?? 0, Rate = t.UInt64("rate") ?? 0 };
        return new BlockIoSpec
        {
            Weight = (ushort?)b.UInt32("weight"),
            LeafWeight = (ushort?)b.UInt32("leafWeight"),
            WeightDevice = b.List("weightDevice", w => new WeightDevice
            {
                Major = w.Int64("major") ?? 0, Minor = w.Int64("minor") ?? 0, Weight = (ushort?)w.UInt32("weight"), LeafWeight = (ushort?)w.UInt32("leafWeight"),
            }),
            ThrottleReadBpsDevice = b.List("throttleReadBpsDevice", Throttle),
            ThrottleWriteBpsDevice = b.List("throttleWriteBpsDevice", Throttle),
            ThrottleReadIOPSDevice = b.List("throttleReadIOPSDevice", Throttle),
            ThrottleWriteIOPSDevice = b.List("throttleWriteIOPSDevice", Throttle),
        };
    }

    private static SeccompSpec Seccomp(JsonFields s) => new()
    {
        DefaultAction = s.String("defaultAction") ?? "",
        DefaultErrnoRet = s.UInt32("defaultErrnoRet"),
        Architectures = s.Strings("architectures"),
        Flags = s.Strings("flags"),
        ListenerPath = s.String("listenerPath"),
        SourceJson = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(s.Element).ToArray(),
        Syscalls = s.List("syscalls", c => new SeccompSyscall
        {
            Names = c.Strings("names") ?? [],
            Action = c.String("action") ?? "",
            ErrnoRet = c.UInt32("errnoRet"),
            Args = c.List("args", a => new SeccompArg
            {
                Index = a.UInt32("index") ?? 0, Value = a.UInt64("value") ?? 0, ValueTwo = a.UInt64("valueTwo") ?? 0, Op = a.String("op") ?? "",
            }),
        }),
    };
}
