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
            writer.WritePropertyName("HostConfig");
            WriteHostConfig(writer, request.HostConfig);
            writer.WritePropertyName("NetworkingConfig");
            WriteNetworkingConfig(writer, request.NetworkingConfig);
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
        w.WritePropertyName("Healthcheck");
        WriteHealthConfig(w, c.Healthcheck);
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

    private static void WriteHealthConfig(Utf8JsonWriter w, HealthConfig? h)
    {
        if (h is null)
        {
            w.WriteNullValue();
            return;
        }
        w.WriteStartObject();
        Strings(w, "Test", h.Test);
        Number(w, "Interval", h.Interval);
        Number(w, "Timeout", h.Timeout);
        Number(w, "Retries", h.Retries);
        Number(w, "StartPeriod", h.StartPeriod);
        Number(w, "StartInterval", h.StartInterval);
        w.WriteEndObject();
    }

    private static void WriteHostConfig(Utf8JsonWriter w, HostConfig? h)
    {
        if (h is null)
        {
            w.WriteNullValue();
            return;
        }
        w.WriteStartObject();
        Strings(w, "Binds", h.Binds);
        w.WriteString("ContainerIDFile", h.ContainerIDFile);
        w.WritePropertyName("LogConfig");
        if (h.LogConfig is { } log)
        {
            w.WriteStartObject();
            w.WriteString("Type", log.Type);
            Map(w, "Config", log.Config);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNullValue();
        }
        w.WriteString("NetworkMode", h.NetworkMode);
        WritePortBindings(w, h.PortBindings);
        w.WritePropertyName("RestartPolicy");
        if (h.RestartPolicy is { } restart)
        {
            w.WriteStartObject();
            w.WriteString("Name", restart.Name);
            w.WriteNumber("MaximumRetryCount", restart.MaximumRetryCount);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNullValue();
        }
        w.WriteBoolean("AutoRemove", h.AutoRemove);
        w.WriteString("VolumeDriver", h.VolumeDriver);
        Strings(w, "VolumesFrom", h.VolumesFrom);
        List(w, "Mounts", h.Mounts, WriteMount);
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
        List(w, "BlkioWeightDevice", h.BlkioWeightDevice, static (w, d) =>
        {
            w.WriteStartObject();
            w.WriteString("Path", d.Path);
            w.WriteNumber("Weight", d.Weight);
            w.WriteEndObject();
        });
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
        List(w, "Devices", h.Devices, static (w, d) =>
        {
            w.WriteStartObject();
            w.WriteString("PathOnHost", d.PathOnHost);
            w.WriteString("PathInContainer", d.PathInContainer);
            w.WriteString("CgroupPermissions", d.CgroupPermissions);
            w.WriteEndObject();
        });
        Strings(w, "DeviceCgroupRules", h.DeviceCgroupRules);
        List(w, "DeviceRequests", h.DeviceRequests, static (w, d) =>
        {
            w.WriteStartObject();
            w.WriteString("Driver", d.Driver);
            w.WriteNumber("Count", d.Count);
            Strings(w, "DeviceIDs", d.DeviceIDs);
            List(w, "Capabilities", d.Capabilities, static (w, set) => StringArray(w, set));
            Map(w, "Options", d.Options);
            w.WriteEndObject();
        });
        w.WriteNumber("MemoryReservation", h.MemoryReservation);
        w.WriteNumber("MemorySwap", h.MemorySwap);
        Number(w, "MemorySwappiness", h.MemorySwappiness);
        w.WriteNumber("NanoCpus", h.NanoCpus);
        Boolean(w, "OomKillDisable", h.OomKillDisable);
        Number(w, "PidsLimit", h.PidsLimit);
        List(w, "Ulimits", h.Ulimits, static (w, u) =>
        {
            w.WriteStartObject();
            w.WriteString("Name", u.Name);
            w.WriteNumber("Soft", u.Soft);
            w.WriteNumber("Hard", u.Hard);
            w.WriteEndObject();
        });
        w.WriteNumber("CpuCount", h.CpuCount);
        w.WriteNumber("CpuPercent", h.CpuPercent);
        w.WriteNumber("IOMaximumIOps", h.IOMaximumIOps);
        w.WriteNumber("IOMaximumBandwidth", h.IOMaximumBandwidth);
        Strings(w, "MaskedPaths", h.MaskedPaths);
        Strings(w, "ReadonlyPaths", h.ReadonlyPaths);
        Boolean(w, "Init", h.Init);
        w.WriteEndObject();
    }

    private static void WritePortBindings(Utf8JsonWriter w, Dictionary<string, List<PortBinding>?>? bindings)
    {
        w.WritePropertyName("PortBindings");
        if (bindings is null)
        {
            w.WriteNullValue();
            return;
        }
        w.WriteStartObject();
        foreach (var (port, list) in bindings)
        {
            w.WritePropertyName(port);
            ListValue(w, list, static (w, b) =>
            {
                w.WriteStartObject();
                w.WriteString("HostIp", b.HostIp);
                w.WriteString("HostPort", b.HostPort);
                w.WriteEndObject();
            });
        }
        w.WriteEndObject();
    }

    private static void WriteMount(Utf8JsonWriter w, Mount m)
    {
        w.WriteStartObject();
        w.WriteString("Target", m.Target);
        w.WriteString("Source", m.Source);
        w.WriteString("Type", m.Type);
        w.WriteBoolean("ReadOnly", m.ReadOnly);
        w.WriteString("Consistency", m.Consistency);
        w.WritePropertyName("BindOptions");
        if (m.BindOptions is { } bind)
        {
            w.WriteStartObject();
            w.WriteString("Propagation", bind.Propagation);
            w.WriteBoolean("NonRecursive", bind.NonRecursive);
            w.WriteBoolean("CreateMountpoint", bind.CreateMountpoint);
            w.WriteBoolean("ReadOnlyNonRecursive", bind.ReadOnlyNonRecursive);
            w.WriteBoolean("ReadOnlyForceRecursive", bind.ReadOnlyForceRecursive);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNullValue();
        }
        w.WritePropertyName("VolumeOptions");
        if (m.VolumeOptions is { } volume)
        {
            w.WriteStartObject();
            w.WriteBoolean("NoCopy", volume.NoCopy);
            Map(w, "Labels", volume.Labels);
            w.WritePropertyName("DriverConfig");
            if (volume.DriverConfig is { } driver)
            {
                w.WriteStartObject();
                w.WriteString("Name", driver.Name);
                Map(w, "Options", driver.Options);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNullValue();
            }
            w.WriteString("Subpath", volume.Subpath);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNullValue();
        }
        w.WritePropertyName("ImageOptions");
        if (m.ImageOptions is { } image)
        {
            w.WriteStartObject();
            w.WriteString("Subpath", image.Subpath);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNullValue();
        }
        w.WritePropertyName("TmpfsOptions");
        if (m.TmpfsOptions is { } tmpfs)
        {
            w.WriteStartObject();
            w.WriteNumber("SizeBytes", tmpfs.SizeBytes);
            w.WriteNumber("Mode", tmpfs.Mode);
            List(w, "Options", tmpfs.Options, static (w, option) => StringArray(w, option));
            w.WriteEndObject();
        }
        else
        {
            w.WriteNullValue();
        }
        w.WriteEndObject();
    }

    private static void WriteNetworkingConfig(Utf8JsonWriter w, NetworkingConfig? n)
    {
        if (n is null)
        {
            w.WriteNullValue();
            return;
        }
        w.WriteStartObject();
        w.WritePropertyName("EndpointsConfig");
        if (n.EndpointsConfig is { } endpoints)
        {
            w.WriteStartObject();
            foreach (var (network, settings) in endpoints)
            {
                w.WritePropertyName(network);
                WriteEndpointSettings(w, settings);
            }
            w.WriteEndObject();
        }
        else
        {
            w.WriteNullValue();
        }
        w.WriteEndObject();
    }

    private static void WriteEndpointSettings(Utf8JsonWriter w, EndpointSettings? e)
    {
        if (e is null)
        {
            w.WriteNullValue();
            return;
        }
        w.WriteStartObject();
        w.WritePropertyName("IPAMConfig");
        if (e.IPAMConfig is { } ipam)
        {
            w.WriteStartObject();
            w.WriteString("IPv4Address", ipam.IPv4Address);
            w.WriteString("IPv6Address", ipam.IPv6Address);
            Strings(w, "LinkLocalIPs", ipam.LinkLocalIPs);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNullValue();
        }
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
        w.WriteEndObject();
    }

    private static void ThrottleDevices(Utf8JsonWriter w, string name, List<ThrottleDevice>? devices) =>
        List(w, name, devices, static (w, d) =>
        {
            w.WriteStartObject();
            w.WriteString("Path", d.Path);
            w.WriteNumber("Rate", d.Rate);
            w.WriteEndObject();
        });

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

    private static void Map(Utf8JsonWriter w, string name, Dictionary<string, string>? map)
    {
        w.WritePropertyName(name);
        if (map is null)
        {
            w.WriteNullValue();
            return;
        }
        w.WriteStartObject();
        foreach (var (key, value) in map) w.WriteString(key, value);
        w.WriteEndObject();
    }

    private static void EmptyObjects(Utf8JsonWriter w, string name, Dictionary<string, EmptyObject>? set)
    {
        w.WritePropertyName(name);
        if (set is null)
        {
            w.WriteNullValue();
            return;
        }
        w.WriteStartObject();
        foreach (var (key, value) in set)
        {
            w.WritePropertyName(key);
            if (value is null)
            {
                w.WriteNullValue();
                continue;
            }
            w.WriteStartObject();
            w.WriteEndObject();
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
