using System.Collections;
using System.Text.Json;
using Berth.Api.Models.Containers;

namespace Berth.Client.Tests;

public class CreateRequestWriterTests
{
    // The client's hand-written body must say what the shared context (which the daemon reads with) writes, up to the
    // escaping of characters such as "&", which a reader turns back into the same strings.
    [Fact]
    public void The_create_body_is_written_as_the_shared_context_writes_it()
    {
        var request = new ContainerCreateRequest
        {
            Image = "busybox",
            Cmd = ["sh", "-c", "echo a&b <c>"],
            Env = ["A=1"],
            Labels = new() { ["x"] = "a&b", ["é"] = "ü" },
            ExposedPorts = new() { ["80/tcp"] = new EmptyObject() },
            Volumes = new() { ["/data"] = new EmptyObject() },
            AttachStdout = true,
            StopTimeout = 3,
            Healthcheck = new HealthConfig { Test = ["CMD", "true"], Interval = 1_000_000_000 },
            HostConfig = new HostConfig
            {
                AutoRemove = true,
                NetworkMode = "none",
                Binds = ["/a:/b:ro"],
                LogConfig = new LogConfig { Type = "json-file", Config = new() { ["max-size"] = "1m" } },
                PortBindings = new() { ["80/tcp"] = [new PortBinding { HostIp = "", HostPort = "8080" }], ["81/tcp"] = null },
                RestartPolicy = new RestartPolicy { Name = "no" },
                Mounts = [new Mount { Type = "bind", Source = "/s", Target = "/t", ReadOnly = true }],
                ConsoleSize = [24, 80],
                Tmpfs = new() { ["/run"] = "" },
                Ulimits = [new Ulimit { Name = "nofile", Soft = 1024, Hard = 2048 }],
            },
            NetworkingConfig = new NetworkingConfig
            {
                EndpointsConfig = new() { ["net"] = new EndpointSettings { Aliases = ["web"], DriverOpts = new() { ["k"] = "v" } } },
            },
        };
        Assert.Equal(Shared(request), AsTheDaemonReadsIt(request));
    }

    // Every property of the request and of what it holds set to a value that is not its default: a property the
    // writer leaves out comes back from the daemon's reading as its default, and the two differ.
    [Fact]
    public void Every_property_of_the_create_body_is_written()
    {
        var request = (ContainerCreateRequest)Sample(typeof(ContainerCreateRequest), "request");
        Assert.Equal(Shared(request), AsTheDaemonReadsIt(request));
    }

    [Fact]
    public void An_empty_create_body_is_written_as_the_shared_context_writes_it()
    {
        var request = new ContainerCreateRequest();
        Assert.Equal(Shared(request), AsTheDaemonReadsIt(request));
    }

    private static string Shared(ContainerCreateRequest request) =>
        JsonSerializer.Serialize(request, ContainersJson.Context.ContainerCreateRequest);

    // The client's bytes, read back with the shared context and written again with it.
    private static string AsTheDaemonReadsIt(ContainerCreateRequest request)
    {
        var sent = CreateRequestWriter.Serialize(request);
        return Shared(JsonSerializer.Deserialize(sent, ContainersJson.Context.ContainerCreateRequest)!);
    }

    private static object Sample(Type type, string name)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string)) return name + " & <value>";
        if (t == typeof(bool)) return true;
        if (t.IsPrimitive) return Convert.ChangeType(7, t);
        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(List<>))
        {
            var list = (IList)Activator.CreateInstance(t)!;
            list.Add(Sample(t.GetGenericArguments()[0], name));
            return list;
        }
        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            var map = (IDictionary)Activator.CreateInstance(t)!;
            map[name + "-key"] = Sample(t.GetGenericArguments()[1], name);
            return map;
        }
        var value = Activator.CreateInstance(t)!;
        foreach (var property in t.GetProperties().Where(p => p.CanWrite)) property.SetValue(value, Sample(property.PropertyType, property.Name));
        return value;
    }
}
