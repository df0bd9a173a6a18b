using System.Text.Json;
using Berth.Api.Models.Containers;

namespace Berth.Client;

// The create request's JSON, written field by field. It is the first body `run` and `create` send, and
// System.Text.Json's generated code still builds the JsonTypeInfo of every nullable field type it meets (bool?,
// int?, long?) through reflection on its first use: about 0.7 ms of every `berth run`, before it even connects.
// Every property is written, nulls included, as the generated code did (and as the docker CLI sends them);
// CreateRequestWriterTests holds this to the serializer's output for a request with every property set.
internal static class CreateRequestWriter
{
    public static byte[] Serialize(ContainerCreateRequest request)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            WriteConfig(writer, request);
            Object(writer, "HostConfig", request.HostConfig, WriteHostConfig);
            Object(writer, "NetworkingConfig", request.NetworkingConfig, static (w, n) =>
                Dictionary(w, "EndpointsConfig", n.EndpointsConfig, static (w, e) => Object(w, e, WriteEndpointSettings)));
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteConfig(Utf8JsonWriter w, ContainerConfig c)
    {
        w.WriteString("Hostname", c.Hostname);
        w.WriteString("Domainname", c.Domainname);
        w.WriteString("User", c.User);
        w.WriteBoolean("AttachStdin", c.AttachStdin);
        w.WriteBoolean("AttachStdout", c.AttachStdout);
        w.WriteBoolean("AttachStderr", c.AttachStderr);
        EmptyObjects(w, "ExposedPorts", c.ExposedPorts);
        w.WriteBoolean("Tty", c.Tty);
        w.WriteBoolean("OpenStdin", c.OpenStdin);
        w.WriteBoolean("StdinOnce", c.StdinOnce);
        Strings(w, "Env", c.Env);
        Strings(w, "Cmd", c.Cmd);
        Object(w, "Healthcheck", c.Healthcheck, WriteHealthConfig);
        Boolean(w, "ArgsEscaped", c.ArgsEscaped);
        w.WriteString("Image", c.Image);
        EmptyObjects(w, "Volumes", c.Volumes);
        w.WriteString("WorkingDir", c.WorkingDir);
        Strings(w, "Entrypoint", c.Entrypoint);
        Boolean(w, "NetworkDisabled", c.NetworkDisabled);
        w.WriteString("MacAddress", c.MacAddress);
        Strings(w, "OnBuild", c.OnBuild);
        Map(w, "Labels", c.Labels);
        w.WriteString("StopSignal", c.StopSignal);
        Number(w, "StopTimeout", c.StopTimeout);
        Strings(w, "Shell", c.Shell);
    }

    private static void WriteHealthConfig(Utf8JsonWriter w, HealthConfig h)
    {
        Strings(w, "Test", h.Test);
        Number(w, "Interval", h.Interval);
        Number(w, "Timeout", h.Timeout);
        Number(w, "Retries", h.Retries);
        Number(w, "StartPeriod", h.StartPeriod);
        Number(w, "StartInterval", h.StartInterval);
    }

    private static void WriteHostConfig(Utf8JsonWriter w, HostConfig h)
    {
        Strings(w, "Binds", h.Binds);
        w.WriteString("ContainerIDFile", h.ContainerIDFile);
        Object(w, "LogConfig", h.LogConfig, static (w, log) =>
        {
            w.WriteString("Type", log.Type);
            Map(w, "Config", log.Config);
        });
        w.WriteString("NetworkMode", h.NetworkMode);
        Dictionary(w, "PortBindings", h.PortBindings, static (w, list) => ListValue(w, list, static (w, b) => Object(w, b, static (w, b) =>
        {
            w.WriteString("HostIp", b.HostIp);
            w.WriteString("HostPort", b.HostPort);
        })));
        Object(w, "RestartPolicy", h.RestartPolicy, static (w, restart) =>
        {
            w.WriteString("Name", restart.Name);
            w.WriteNumber("MaximumRetryCount", restart.MaximumRetryCount);
        });
        w.WriteBoolean("AutoRemove", h.AutoRemove);
        w.WriteString("VolumeDriver", h.VolumeDriver);
        Strings(w, "VolumesFrom", h.VolumesFrom);
        List(w, "Mounts", h.Mounts, static (w, m) => Object(w, m, WriteMount));
        List(w, "ConsoleSize", h.ConsoleSize, static (w, n) => w.WriteNumberValue(n));
        Map(w, "Annotations", h.Annotations);
        Strings(w, "CapAdd", h.CapAdd);
        Strings(w, "CapDrop", h.CapDrop);
        w.WriteString("CgroupnsMode", h.CgroupnsMode);
        Strings(w, "Dns", h.Dns);
        Strings(w, "DnsOptions", h.DnsOptions);
        Strings(w, "DnsSearch", h.DnsSearch);
        Strings(w, "ExtraHosts", h.ExtraHosts);
        Strings(w, "GroupAdd", h.GroupAdd);
        w.WriteString("IpcMode", h.IpcMode);
        w.WriteString("Cgroup", h.Cgroup);
        Strings(w, "Links", h.Links);
        w.WriteNumber("OomScoreAdj", h.OomScoreAdj);
        w.WriteString("PidMode", h.PidMode);
        w.WriteBoolean("Privileged", h.Privileged);
        w.WriteBoolean("PublishAllPorts", h.PublishAllPorts);
        w.WriteBoolean("ReadonlyRootfs", h.ReadonlyRootfs);
        Strings(w, "SecurityOpt", h.SecurityOpt);
        Map(w, "StorageOpt", h.StorageOpt);
        Map(w, "Tmpfs", h.Tmpfs);
        w.WriteString("UTSMode", h.UTSMode);
        w.WriteString("UsernsMode", h.UsernsMode);
        w.WriteNumber("ShmSize", h.ShmSize);
        Map(w, "Sysctls", h.Sysctls);
        w.WriteString("Runtime", h.Runtime);
        w.WriteString("Isolation", h.Isolation);
        w.WriteNumber("CpuShares", h.CpuShares);
        w.WriteNumber("Memory", h.Memory);
        w.WriteString("CgroupParent", h.CgroupParent);
        w.WriteNumber("BlkioWeight", h.BlkioWeight);
        List(w, "BlkioWeightDevice", h.BlkioWeightDevice, static (w, d) => Object(w, d, static (w, d) =>
        {
            w.WriteString("Path", d.Path);
            w.WriteNumber("Weight", d.Weight);
        }));
        ThrottleDevices(w, "BlkioDeviceReadBps", h.BlkioDeviceReadBps);
        ThrottleDevices(w, "BlkioDeviceWriteBps", h.BlkioDeviceWriteBps);
        ThrottleDevices(w, "BlkioDeviceReadIOps", h.BlkioDeviceReadIOps);
        ThrottleDevices(w, "BlkioDeviceWriteIOps", h.BlkioDeviceWriteIOps);
        w.WriteNumber("CpuPeriod", h.CpuPeriod);
        w.WriteNumber("CpuQuota", h.CpuQuota);
        w.WriteNumber("CpuRealtimePeriod", h.CpuRealtimePeriod);
        w.WriteNumber("CpuRealtimeRuntime", h.CpuRealtimeRuntime);
        w.WriteString("CpusetCpus", h.CpusetCpus);
        w.WriteString("CpusetMems", h.CpusetMems);
        List(w, "Devices", h.Devices, static (w, d) => Object(w, d, static (w, d) =>
        {
            w.WriteString("PathOnHost", d.PathOnHost);
            w.WriteString("PathInContainer", d.PathInContainer);
            w.WriteString("CgroupPermissions", d.CgroupPermissions);
        }));
        Strings(w, "DeviceCgroupRules", h.DeviceCgroupRules);
        List(w, "DeviceRequests", h.DeviceRequests, static (w, d) => Object(w, d, static (w, d) =>
        {
            w.WriteString("Driver", d.Driver);
            w.WriteNumber("Count", d.Count);
            Strings(w, "DeviceIDs", d.DeviceIDs);
            List(w, "Capabilities", d.Capabilities, static (w, set) => StringArray(w, set));
            Map(w, "Options", d.Options);
        }));
        w.WriteNumber("MemoryReservation", h.MemoryReservation);
        w.WriteNumber("MemorySwap", h.MemorySwap);
        Number(w, "MemorySwappiness", h.MemorySwappiness);
        w.WriteNumber("NanoCpus", h.NanoCpus);
        Boolean(w, "OomKillDisable", h.OomKillDisable);
        Number(w, "PidsLimit", h.PidsLimit);
        List(w, "Ulimits", h.Ulimits, static (w, u) => Object(w, u, static (w, u) =>
        {
            w.WriteString("Name", u.Name);
            w.WriteNumber("Soft", u.Soft);
            w.WriteNumber("Hard", u.Hard);
        }));
        w.WriteNumber("CpuCount", h.CpuCount);
        w.WriteNumber("CpuPercent", h.CpuPercent);
        w.WriteNumber("IOMaximumIOps", h.IOMaximumIOps);
        w.WriteNumber("IOMaximumBandwidth", h.IOMaximumBandwidth);
        Strings(w, "MaskedPaths", h.MaskedPaths);
        Strings(w, "ReadonlyPaths", h.ReadonlyPaths);
        Boolean(w, "Init", h.Init);
    }

    private static void WriteMount(Utf8JsonWriter w, Mount m)
    {
        w.WriteString("Target", m.Target);
        w.WriteString("Source", m.Source);
        w.WriteString("Type", m.Type);
        w.WriteBoolean("ReadOnly", m.ReadOnly);
        w.WriteString("Consistency", m.Consistency);
        Object(w, "BindOptions", m.BindOptions, static (w, bind) =>
        {
            w.WriteString("Propagation", bind.Propagation);
            w.WriteBoolean("NonRecursive", bind.NonRecursive);
            w.WriteBoolean("CreateMountpoint", bind.CreateMountpoint);
            w.WriteBoolean("ReadOnlyNonRecursive", bind.ReadOnlyNonRecursive);
            w.WriteBoolean("ReadOnlyForceRecursive", bind.ReadOnlyForceRecursive);
        });
        Object(w, "VolumeOptions", m.VolumeOptions, static (w, volume) =>
        {
            w.WriteBoolean("NoCopy", volume.NoCopy);
            Map(w, "Labels", volume.Labels);
            Object(w, "DriverConfig", volume.DriverConfig, static (w, driver) =>
            {
                w.WriteString("Name", driver.Name);
                Map(w, "Options", driver.Options);
            });
            w.WriteString("Subpath", volume.Subpath);
        });
        Object(w, "ImageOptions", m.ImageOptions, static (w, image) => w.WriteString("Subpath", image.Subpath));
        Object(w, "TmpfsOptions", m.TmpfsOptions, static (w, tmpfs) =>
        {
            w.WriteNumber("SizeBytes", tmpfs.SizeBytes);
            w.WriteNumber("Mode", tmpfs.Mode);
            List(w, "Options", tmpfs.Options, static (w, option) => StringArray(w, option));
        });
    }

    private static void WriteEndpointSettings(Utf8JsonWriter w, EndpointSettings e)
    {
        Object(w, "IPAMConfig", e.IPAMConfig, static (w, ipam) =>
        {
            w.WriteString("IPv4Address", ipam.IPv4Address);
            w.WriteString("IPv6Address", ipam.IPv6Address);
            Strings(w, "LinkLocalIPs", ipam.LinkLocalIPs);
        });
        Strings(w, "Links", e.Links);
        Strings(w, "Aliases", e.Aliases);
        w.WriteString("MacAddress", e.MacAddress);
        Map(w, "DriverOpts", e.DriverOpts);
        w.WriteNumber("GwPriority", e.GwPriority);
        w.WriteString("NetworkID", e.NetworkID);
        w.WriteString("EndpointID", e.EndpointID);
        w.WriteString("Gateway", e.Gateway);
        w.WriteString("IPAddress", e.IPAddress);
        w.WriteNumber("IPPrefixLen", e.IPPrefixLen);
        w.WriteString("IPv6Gateway", e.IPv6Gateway);
        w.WriteString("GlobalIPv6Address", e.GlobalIPv6Address);
        w.WriteNumber("GlobalIPv6PrefixLen", e.GlobalIPv6PrefixLen);
        Strings(w, "DNSNames", e.DNSNames);
    }

    private static void ThrottleDevices(Utf8JsonWriter w, string name, List<ThrottleDevice>? devices) =>
        List(w, name, devices, static (w, d) => Object(w, d, static (w, d) =>
        {
            w.WriteString("Path", d.Path);
            w.WriteNumber("Rate", d.Rate);
        }));

    private static void Boolean(Utf8JsonWriter w, string name, bool? value)
    {
        if (value is { } b) w.WriteBoolean(name, b);
        else w.WriteNull(name);
    }

    private static void Number(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } n) w.WriteNumber(name, n);
        else w.WriteNull(name);
    }

    private static void Strings(Utf8JsonWriter w, string name, List<string>? values)
    {
        w.WritePropertyName(name);
        StringArray(w, values);
    }

    private static void StringArray(Utf8JsonWriter w, List<string>? values)
    {
        if (values is null)
        {
            w.WriteNullValue();
            return;
        }
        w.WriteStartArray();
        foreach (var value in values) w.WriteStringValue(value);
        w.WriteEndArray();
    }

    private static void Map(Utf8JsonWriter w, string name, Dictionary<string, string>? map) =>
        Dictionary(w, name, map, static (w, value) => w.WriteStringValue(value));

    private static void EmptyObjects(Utf8JsonWriter w, string name, Dictionary<string, EmptyObject>? set) =>
        Dictionary(w, name, set, static (w, value) => Object(w, value, static (_, _) => { }));

    // An object property: null, or the object with what write puts in it.
    private static void Object<T>(Utf8JsonWriter w, string name, T? value, Action<Utf8JsonWriter, T> write) where T : class
    {
        w.WritePropertyName(name);
        Object(w, value, write);
    }

    private static void Object<T>(Utf8JsonWriter w, T? value, Action<Utf8JsonWriter, T> write) where T : class
    {
        if (value is null)
        {
            w.WriteNullValue();
            return;
        }
        w.WriteStartObject();
        write(w, value);
        w.WriteEndObject();
    }

    private static void Dictionary<T>(Utf8JsonWriter w, string name, Dictionary<string, T>? map, Action<Utf8JsonWriter, T> writeValue)
    {
        w.WritePropertyName(name);
        if (map is null)
        {
            w.WriteNullValue();
            return;
        }
        w.WriteStartObject();
        foreach (var (key, value) in map)
        {
            w.WritePropertyName(key);
            writeValue(w, value);
        }
        w.WriteEndObject();
    }

    private static void List<T>(Utf8JsonWriter w, string name, List<T>? items, Action<Utf8JsonWriter, T> write)
    {
        w.WritePropertyName(name);
        ListValue(w, items, write);
    }

    private static void ListValue<T>(Utf8JsonWriter w, List<T>? items, Action<Utf8JsonWriter, T> write)
    {
        if (items is null)
        {
            w.WriteNullValue();
            return;
        }
        w.WriteStartArray();
        foreach (var item in items)
        {
            if (item is null) w.WriteNullValue();
            else write(w, item);
        }
        w.WriteEndArray();
    }
}
