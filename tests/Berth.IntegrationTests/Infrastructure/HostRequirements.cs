namespace Berth.IntegrationTests.Infrastructure;

public static class HostRequirements
{
    // Namespaces, mounts and cgroups need root; say so once instead of failing in confusing ways.
    public static void EnsureRoot()
    {
        if (Environment.UserName != "root" && !File.ReadAllText("/proc/self/status").Contains("\nUid:\t0\t"))
            throw new InvalidOperationException("integration tests must run as root (try: sudo ./test.sh)");
    }
}
