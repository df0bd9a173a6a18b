using System.Runtime.InteropServices;
using Berth.Linux.Native;

namespace Berth.Linux.Security;

// getrlimit/setrlimit behind a seam, so the clamping path can be tested without
// changing the test host's own limits.
internal interface IRlimitSyscalls
{
    (ulong Soft, ulong Hard) Get(int resource);

    /// <summary>Returns 0, or the errno of the failed setrlimit.</summary>
    int TrySet(int resource, ulong soft, ulong hard);
}

internal sealed unsafe class RealRlimitSyscalls : IRlimitSyscalls
{
    public static readonly RealRlimitSyscalls Instance = new();

    public (ulong Soft, ulong Hard) Get(int resource)
    {
        RlimitNative.Rlimit limit;
        SyscallException.Check(RlimitNative.getrlimit(resource, &limit), $"getrlimit({resource})");
        return (limit.Cur, limit.Max);
    }

    public int TrySet(int resource, ulong soft, ulong hard)
    {
        var limit = new RlimitNative.Rlimit { Cur = soft, Max = hard };
        return RlimitNative.setrlimit(resource, &limit) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }
}
