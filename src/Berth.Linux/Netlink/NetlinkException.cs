using System.Runtime.InteropServices;

namespace Berth.Linux.Netlink;

// A netlink request the kernel refused, worded for a user: "create bridge br0: already exists".
// Errno is the kernel's error (0 for a malformed reply); the kernel's extended-ack text is appended when given.
public sealed class NetlinkException(string what, int errno, string? detail = null)
    : LinuxException(Format(what, errno, detail))
{
    public int Errno { get; } = errno;

    public const int EPERM = 1, ENOENT = 2, ESRCH = 3, EBUSY = 16, EEXIST = 17, ENODEV = 19, EINVAL = 22,
        ERANGE = 34, EOPNOTSUPP = 95, EADDRNOTAVAIL = 99, ENETUNREACH = 101;

    private static string Format(string what, int errno, string? detail)
    {
        var reason = errno switch
        {
            0 => detail ?? "unexpected reply",
            EEXIST => "already exists",
            ENODEV => "no such network interface",
            ENOENT => "not found",
            ESRCH => "no such route",
            EPERM => "operation not permitted (needs CAP_NET_ADMIN)",
            EBUSY => "device or resource busy",
            EADDRNOTAVAIL => "address not available",
            ENETUNREACH => "network unreachable (is the gateway on a connected subnet?)",
            EOPNOTSUPP => "not supported by this kernel",
            ERANGE => "value out of range",
            _ => Marshal.GetPInvokeErrorMessage(errno),
        };
        return errno != 0 && !string.IsNullOrEmpty(detail) ? $"{what}: {reason} ({detail})" : $"{what}: {reason}";
    }
}
