using System.Diagnostics;
using System.Globalization;
using Berth.Linux.Native;
using Berth.Oci.Runtime;

namespace Berth.Linux.Cgroups;

// One container's cgroup across every mounted hierarchy. On v1 and hybrid
// hosts each v1 controller is used on its own mount; the cgroup2 mount gets
// a matching directory (so process tracking agrees) and serves only the
// controllers no v1 hierarchy has.
public sealed class CgroupManager
{
    // A directory of this cgroup in one hierarchy; Base is the mount point.
    internal sealed record Hierarchy(CgroupMount Mount, string Base, string Dir);

    private readonly CgroupFs _fs;
    private readonly List<Hierarchy> _hierarchies;
    private readonly Hierarchy? _v2;
    private readonly HashSet<string> _v2Controllers;

    private CgroupManager(CgroupMode mode, CgroupFs fs, List<Hierarchy> hierarchies, Hierarchy? v2, HashSet<string> v2Controllers)
    {
        Mode = mode;
        _fs = fs;
        _hierarchies = hierarchies;
        _v2 = v2;
        _v2Controllers = v2Controllers;
    }

    public CgroupMode Mode { get; }

    public static CgroupManager Open(string cgroupsPath) => _hostView is { } view
        ? Open(cgroupsPath, view.MountInfo, view.ProcSelfCgroup, "", CgroupFs.Real)
        : Open(cgroupsPath, File.ReadAllText("/proc/self/mountinfo"), File.ReadAllText("/proc/self/cgroup"), "", CgroupFs.Real);

    private static (string MountInfo, string ProcSelfCgroup)? _hostView;

    // For a process started ahead of its work (a standby runtime or shim): the cgroup mounts and this process's own
    // cgroups are read now, once, and later Opens use them instead of reading both files on their path, until
    // ForgetHostView (a long-lived process does not keep the text).
    public static void KeepHostView() =>
        _hostView = (File.ReadAllText("/proc/self/mountinfo"), File.ReadAllText("/proc/self/cgroup"));

    public static void ForgetHostView() => _hostView = null;

    // prefix is prepended to every mount point so tests can point the manager
    // at a directory tree that mimics /sys/fs/cgroup.
    internal static CgroupManager Open(string cgroupsPath, string mountInfo, string procSelfCgroup, string prefix, CgroupFs fs)
    {
        var path = CgroupLayout.Validate(cgroupsPath);
        var mounts = CgroupLayout.ParseMountInfo(mountInfo, procSelfCgroup);
        var mode = CgroupLayout.DetectMode(mounts);
        var own = CgroupLayout.ParseProcCgroup(procSelfCgroup);
        var hierarchies = new List<Hierarchy>();
        foreach (var m in mounts)
        {
            // A lone name=systemd hierarchy on a v2 host is systemd's business.
            if (mode == CgroupMode.V2 && !m.IsV2) continue;
            hierarchies.Add(new Hierarchy(m, prefix + m.MountPoint.TrimEnd('/'), CgroupLayout.Resolve(prefix, m, path, own)));
        }
        var v2 = hierarchies.FirstOrDefault(h => h.Mount.IsV2);
        var v2Controllers = new HashSet<string>(StringComparer.Ordinal);
        if (v2 is not null)
            foreach (var c in (fs.ReadOrNull(Path.Combine(v2.Base, "cgroup.controllers")) ?? "").Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries))
                if (mode == CgroupMode.V2 || !hierarchies.Any(h => !h.Mount.IsV2 && h.Mount.Controllers.Contains(c)))
                    v2Controllers.Add(c);
        return new CgroupManager(mode, fs, hierarchies, v2, v2Controllers);
    }

    // Each mounted hierarchy as a container's /sys/fs/cgroup shows it: the directory name under the mount
    // root ("cpu", "systemd", "unified"), the mount options that select it ("memory", "name=systemd"),
    // and this cgroup's directory in it.
    public IReadOnlyList<CgroupView> Views() =>
        _hierarchies.Select(h => new CgroupView(
            Path.GetFileName(h.Mount.MountPoint.TrimEnd('/')),
            string.Join(',', h.Mount.Controllers.Order(StringComparer.Ordinal)),
            h.Dir,
            h.Mount.IsV2)).ToList();

    public string? PathFor(string controller)
    {
        if (controller is "" or "unified") return _v2?.Dir;
        var name = controller == "systemd" ? "name=systemd" : controller;
        return _hierarchies.FirstOrDefault(h => !h.Mount.IsV2 && h.Mount.Controllers.Contains(name))?.Dir
            ?? (_v2Controllers.Contains(name) ? _v2!.Dir : null);
    }

    // The knobs of a controller: its v1 hierarchy if it has one, else cgroup v2.
    private CgroupKnobs? Find(string v1Name, string v2Name)
    {
        var h = _hierarchies.FirstOrDefault(h => !h.Mount.IsV2 && h.Mount.Controllers.Contains(v1Name));
        if (h is not null) return new CgroupKnobs(_fs, v1Name, h.Dir, V2: false);
        return _v2 is not null && _v2Controllers.Contains(v2Name) ? new CgroupKnobs(_fs, v2Name, _v2.Dir, V2: true) : null;
    }

    private CgroupKnobs Require(string v1Name, string v2Name, string what)
    {
        var k = Find(v1Name, v2Name)
            ?? throw new LinuxException($"cgroup {v1Name}: {what} was requested but the {v1Name} controller is not available on this host");
        // On v2 a controller available at the root can still be missing here
        // when a parent could not delegate it (e.g. it holds processes itself).
        if (k.V2 && k.Read("cgroup.controllers") is { } enabled && !enabled.Split(' ').Contains(v2Name))
            throw new LinuxException($"cgroup {v2Name}: {what} was requested but the {v2Name} controller is not enabled for {k.Dir} (missing from its parent's cgroup.subtree_control)");
        return k;
    }

    public void Create()
    {
        foreach (var h in _hierarchies)
        {
            var dirs = PathChain(h);
            if (h.Mount.IsV2)
            {
                // Each parent must delegate controllers to its children before
                // the leaf gets their knob files. Best effort per controller,
                // as runc: a knob that stays missing fails clearly in Apply.
                var parent = h.Base;
                foreach (var dir in dirs)
                {
                    if (_v2Controllers.Count > 0) EnableControllers(parent);
                    _fs.CreateDirectory(dir);
                    parent = dir;
                }
            }
            else
            {
                _fs.CreateDirectory(h.Dir);
                // A new v1 cpuset starts with no CPUs and no memory nodes, and
                // a task cannot join it until both are set.
                if (h.Mount.Controllers.Contains("cpuset"))
                {
                    var parent = h.Base;
                    foreach (var dir in dirs)
                    {
                        CopyIfEmpty(parent, dir, "cpuset.cpus");
                        CopyIfEmpty(parent, dir, "cpuset.mems");
                        parent = dir;
                    }
                }
            }
        }
    }

    // Directories from the mount point (exclusive) down to the leaf.
    private static List<string> PathChain(Hierarchy h)
    {
        var chain = new List<string>();
        var current = h.Base;
        foreach (var part in h.Dir[h.Base.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current = current + "/" + part;
            chain.Add(current);
        }
        return chain;
    }

    private void EnableControllers(string dir)
    {
        var available = (_fs.ReadOrNull(Path.Combine(dir, "cgroup.controllers")) ?? "").Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var enabled = (_fs.ReadOrNull(Path.Combine(dir, "cgroup.subtree_control")) ?? "").Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        foreach (var c in available.Except(enabled))
            _fs.WriteRaw(Path.Combine(dir, "cgroup.subtree_control"), "+" + c);
    }

    private void CopyIfEmpty(string parent, string dir, string file)
    {
        if (!string.IsNullOrWhiteSpace(_fs.ReadOrNull(Path.Combine(dir, file)))) return;
        var value = _fs.ReadOrNull(Path.Combine(parent, file))?.Trim();
        if (!string.IsNullOrEmpty(value)) _fs.Write("cpuset", dir, file, value);
    }

    public void Apply(ResourcesSpec? resources)
    {
        if (resources is null) return;
        if (resources.Memory is { } memory && MemoryRequested(memory))
            MemoryResources.Apply(Require("memory", "memory", "a memory limit"), memory);
        if (resources.Cpu is { } cpu)
        {
            if (CpuResources.WantsScheduler(cpu)) CpuResources.Apply(Require("cpu", "cpu", "a CPU limit"), cpu);
            if (!string.IsNullOrEmpty(cpu.Cpus) || !string.IsNullOrEmpty(cpu.Mems))
                CpuResources.ApplyCpuset(Require("cpuset", "cpuset", "a cpuset (cpus/mems)"), cpu);
        }
        if (resources.Pids is { } pids)
        {
            var k = Require("pids", "pids", "a pids limit");
            k.Set("pids.max", pids.Limit > 0 ? CgroupConvert.Num(pids.Limit) : "max");
        }
        if (resources.BlockIO is { } blockIo && BlockIoRequested(blockIo))
            BlockIoResources.Apply(Require("blkio", "io", "a block I/O limit"), blockIo);
        if (resources.Devices is { Count: > 0 } devices)
        {
            // v2 device control is eBPF-only; see DeviceResources.
            if (Find("devices", "devices") is { V2: false } k) DeviceResources.Apply(k, devices);
            else if (Mode != CgroupMode.V2)
                throw new LinuxException("cgroup devices: device rules were requested but the devices controller is not mounted");
        }
        if (resources.HugepageLimits is { Count: > 0 } huge)
            HugetlbResources.Apply(Require("hugetlb", "hugetlb", "a hugepage limit"), huge);
        if (resources.Unified is { Count: > 0 } unified)
        {
            if (_v2 is null)
                throw new LinuxException("cgroup unified: cgroup v2 settings were requested but this host has no cgroup v2 hierarchy");
            UnifiedResources.Apply(new CgroupKnobs(_fs, "unified", _v2.Dir, V2: true), unified, c => _v2Controllers.Contains(c));
        }
    }

    private static bool MemoryRequested(MemorySpec m) =>
        (m.Limit ?? 0) != 0 || (m.Reservation ?? 0) != 0 || (m.Swap ?? 0) != 0 || (m.Kernel ?? 0) != 0
        || (m.KernelTCP ?? 0) != 0 || m.Swappiness is not null || m.DisableOOMKiller == true;

    private static bool BlockIoRequested(BlockIoSpec b) =>
        (b.Weight ?? 0) != 0 || (b.LeafWeight ?? 0) != 0 || b.WeightDevice is { Count: > 0 }
        || b.ThrottleReadBpsDevice is { Count: > 0 } || b.ThrottleWriteBpsDevice is { Count: > 0 }
        || b.ThrottleReadIOPSDevice is { Count: > 0 } || b.ThrottleWriteIOPSDevice is { Count: > 0 };

    public void AddProcess(int pid)
    {
        var value = pid.ToString(CultureInfo.InvariantCulture);
        foreach (var h in _hierarchies)
            _fs.Write(ControllerName(h), h.Dir, "cgroup.procs", value);
    }

    private static string ControllerName(Hierarchy h) =>
        h.Mount.IsV2 ? "v2" : string.Join(',', h.Mount.Controllers.Order(StringComparer.Ordinal));

    // Every process in this cgroup or its descendants, in any hierarchy.
    public IReadOnlyList<int> Processes()
    {
        var pids = new SortedSet<int>();
        foreach (var h in _hierarchies) Collect(h.Dir, pids, depth: 0);
        return [.. pids];
    }

    private void Collect(string dir, SortedSet<int> pids, int depth)
    {
        foreach (var line in (_fs.ReadOrNull(Path.Combine(dir, "cgroup.procs")) ?? "").Split('\n'))
            if (int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) pids.Add(pid);
        if (depth < 32)
            foreach (var sub in _fs.SubDirectories(dir)) Collect(sub, pids, depth + 1);
    }

    public bool IsFrozen()
    {
        if (FreezerV1() is { } v1) return v1.Read("freezer.state") == "FROZEN";
        return _v2 is not null && new CgroupKnobs(_fs, "freezer", _v2.Dir, V2: true).Read("cgroup.freeze") == "1";
    }

    public void Freeze() => SetFrozen(true);

    public void Thaw() => SetFrozen(false);

    private void SetFrozen(bool frozen)
    {
        if (FreezerV1() is { } v1) CgroupFreezer.SetV1(v1, frozen);
        else if (_v2 is not null) CgroupFreezer.SetV2(new CgroupKnobs(_fs, "freezer", _v2.Dir, V2: true), frozen);
        else throw new LinuxException("cgroup freezer: the freezer controller is not mounted");
    }

    private CgroupKnobs? FreezerV1() =>
        _hierarchies.FirstOrDefault(h => !h.Mount.IsV2 && h.Mount.Controllers.Contains("freezer")) is { } h
            ? new CgroupKnobs(_fs, "freezer", h.Dir, V2: false) : null;

    public void KillAll()
    {
        if (_v2 is not null && _fs.Exists(Path.Combine(_v2.Dir, "cgroup.kill")))
        {
            _fs.Write("v2", _v2.Dir, "cgroup.kill", "1");
            if (Mode == CgroupMode.V2) return;
        }
        // Freezing first stops processes from forking new ones between
        // reading the list and signalling; frozen tasks die once thawed.
        var frozen = false;
        try
        {
            try { Freeze(); frozen = true; }
            catch (Exception e) when (e is LinuxException or SyscallException) { } // kill anyway
            foreach (var pid in Processes())
                if (CgroupNative.kill(pid, CgroupNative.SIGKILL) != 0 && System.Runtime.InteropServices.Marshal.GetLastPInvokeError() is var e && e != CgroupNative.ESRCH)
                    throw new SyscallException($"cgroup: cannot kill process {pid}", e);
        }
        finally
        {
            if (frozen) Thaw();
        }
    }

    // rmdir only this cgroup and anything created under it, never parents.
    public void Destroy()
    {
        Exception? first = null;
        foreach (var h in _hierarchies)
        {
            try { RemoveTree(h.Dir, ControllerName(h), 0); }
            catch (Exception e) when (e is SyscallException or IOException) { first ??= e; }
        }
        if (first is not null) throw first;
    }

    private static readonly TimeSpan RemoveDeadline = TimeSpan.FromSeconds(2);

    private void RemoveTree(string dir, string controller, int depth)
    {
        if (depth < 32)
            foreach (var sub in _fs.SubDirectories(dir)) RemoveTree(sub, controller, depth + 1);
        var clock = Stopwatch.StartNew();
        for (var i = 0; ; i++)
        {
            var errno = _fs.RemoveDirectory(dir);
            if (errno is 0 or CgroupNative.ENOENT) return;
            // EBUSY: killed processes have not finished exiting yet.
            if (errno != CgroupNative.EBUSY || clock.Elapsed > RemoveDeadline)
                throw new SyscallException($"cgroup {controller}: cannot remove {dir}", errno);
            Thread.Sleep(Math.Min(1 << Math.Min(i, 6), 50));
        }
    }

    public MemoryStats? ReadMemory() =>
        Find("memory", "memory") is { } k ? CgroupStatsReader.ReadMemory(k) : null;

    public CpuStats? ReadCpu()
    {
        if (Mode == CgroupMode.V2)
            return _v2 is null ? null : CgroupStatsReader.ReadCpuV2(new CgroupKnobs(_fs, "cpu", _v2.Dir, V2: true));
        var acct = Find("cpuacct", "cpu");
        return acct is { V2: true } v2 ? CgroupStatsReader.ReadCpuV2(v2)
            : CgroupStatsReader.ReadCpuV1(acct, Find("cpu", "cpu") is { V2: false } cpu ? cpu : null);
    }

    public long? ReadPidsCurrent() => Find("pids", "pids")?.ReadLong("pids.current");

    // Just the OOM kill counter: the shim asks on every container's exit, and memory.stat (which ReadMemory also
    // reads) is the costly file.
    public bool OomKilled() => Find("memory", "memory") is { } k
        && k.ReadFlatKeyed(k.V2 ? "memory.events" : "memory.oom_control").GetValueOrDefault("oom_kill") > 0;
}
