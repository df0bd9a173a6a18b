using System.Runtime.InteropServices;
using System.Text;
using Berth.Linux.Native;

namespace Berth.Linux.FileSystem;

// Extended attributes of a path itself (the l* calls never follow a symlink).
public static partial class ExtendedAttributes
{
    private const int Erange = 34;
    private const int Enodata = 61;

    [LibraryImport("libc", EntryPoint = "lsetxattr", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LsetxattrNative(string path, string name, ReadOnlySpan<byte> value, nuint size, int flags);

    [LibraryImport("libc", EntryPoint = "lgetxattr", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint LgetxattrNative(string path, string name, Span<byte> value, nuint size);

    [LibraryImport("libc", EntryPoint = "llistxattr", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint LlistxattrNative(string path, Span<byte> list, nuint size);

    public static void Set(string path, string name, ReadOnlySpan<byte> value) =>
        SyscallException.Check(LsetxattrNative(path, name, value, (nuint)value.Length, 0), $"setxattr {name} on {path}");

    // Null when the attribute is not set.
    public static byte[]? Get(string path, string name)
    {
        // Sized by asking first; retried because the value can grow in between.
        while (true)
        {
            var size = LgetxattrNative(path, name, Span<byte>.Empty, 0);
            if (size < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                return errno == Enodata ? null : throw new SyscallException($"getxattr {name} on {path}", errno);
            }
            var buffer = new byte[size];
            var read = LgetxattrNative(path, name, buffer, (nuint)buffer.Length);
            if (read >= 0)
                return buffer[..(int)read];
            if (Marshal.GetLastPInvokeError() != Erange)
                throw SyscallException.Last($"getxattr {name} on {path}");
        }
    }

    public static IReadOnlyList<string> List(string path)
    {
        while (true)
        {
            var size = SyscallException.Check((long)LlistxattrNative(path, Span<byte>.Empty, 0), $"listxattr {path}");
            if (size == 0)
                return [];
            var buffer = new byte[size];
            var read = LlistxattrNative(path, buffer, (nuint)buffer.Length);
            if (read >= 0)
                return Encoding.UTF8.GetString(buffer, 0, (int)read).Split('\0', StringSplitOptions.RemoveEmptyEntries);
            if (Marshal.GetLastPInvokeError() != Erange)
                throw SyscallException.Last($"listxattr {path}");
        }
    }
}
