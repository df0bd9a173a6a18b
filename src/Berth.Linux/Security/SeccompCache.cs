using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Berth.Oci;
using Berth.Oci.Runtime;

namespace Berth.Linux.Security;

// Compiled seccomp programs, one file per distinct profile. libseccomp takes about 20 ms to turn Docker's default
// profile into BPF, which would be most of a container's start; every container of a daemon uses the same few
// profiles, so each is compiled once. The key covers the profile, libseccomp's version, the kernel's seccomp
// API level and the filter's layout, because libseccomp's output depends on all four. The directory is the runtime's state root
// (root-only, on tmpfs), so the cache goes with a reboot, which is when the kernel can change.
public static class SeccompCache
{
    // The spec is validated where it is loaded; a miss validates again as it compiles, and a hit was valid then.
    public static SeccompProgram Get(SeccompSpec spec, string? directory)
    {
        var flags = SeccompProgram.FlagsOf(spec.Flags);
        if (directory is null) return new SeccompProgram(Compile(spec), flags);
        var key = KeyOf(spec);
        var path = Path.Combine(directory, $"{Fnv1a(key):x16}.bpf");
        if (TryRead(path, key) is { } cached) return new SeccompProgram(cached, flags);
        var program = Compile(spec);
        Directory.CreateDirectory(directory);
        var temp = $"{path}.{Environment.ProcessId}.tmp";
        using (var file = File.Create(temp))
        {
            Span<byte> length = stackalloc byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(length, key.Length);
            file.Write(length);
            file.Write(key);
            file.Write(program);
        }
        File.Move(temp, path, overwrite: true);
        return new SeccompProgram(program, flags);
    }

    // A file holds its whole key before the program, so two profiles whose names collide never share a program.
    private static byte[]? TryRead(string path, byte[] key)
    {
        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        if (content.Length < 4) return null;
        var keyLength = BinaryPrimitives.ReadInt32LittleEndian(content);
        if (keyLength != key.Length || content.Length - 4 - keyLength <= 0 || !content.AsSpan(4, keyLength).SequenceEqual(key)) return null;
        return content[(4 + keyLength)..];
    }

    private static byte[] Compile(SeccompSpec spec)
    {
        using var filter = Seccomp.Compile(spec);
        return filter.ExportBpf();
    }

    private static readonly Lazy<byte[]> Context = new(ReadContext);

    internal static byte[] KeyOf(SeccompSpec spec) =>
        [.. Context.Value, .. spec.SourceJson ?? JsonSerializer.SerializeToUtf8Bytes(spec, OciJsonContext.Default.SeccompSpec)];

    private static unsafe byte[] ReadContext()
    {
        Seccomp.RequireAvailable();
        var version = SeccompNative.seccomp_version();
        return Encoding.UTF8.GetBytes(
            $"libseccomp {version->Major}.{version->Minor}.{version->Micro} api {SeccompNative.seccomp_api_get()} optimize {SeccompFilter.BinaryTree}\n");
    }

    // For a process started ahead of its job (a standby runtime): loads libseccomp and reads its version now, which
    // a first lookup would otherwise pay for on a container's start. A profile read from config.json is keyed on its
    // own bytes, so no serializer metadata is needed.
    public static void WarmUp()
    {
        if (!Seccomp.Available) return;
        _ = Context.Value;
    }

    // A cheap name for the file; SHA-256 here would load OpenSSL, which costs more than the whole lookup.
    internal static ulong Fnv1a(ReadOnlySpan<byte> data)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in data) hash = (hash ^ b) * 1099511628211UL;
        return hash;
    }
}
