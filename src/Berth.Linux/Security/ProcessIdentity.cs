using Berth.Oci.Runtime;

namespace Berth.Linux.Security;

// The user and capability transition of the container init, done on the thread
// that will execve (capabilities, keep-caps and the bounding set are per thread).
public static class ProcessIdentity
{
    public static void Apply(UserSpec user, CapabilitiesSpec? caps) =>
        Apply(user, caps, RealIdentitySyscalls.Instance);

    internal static void Apply(UserSpec user, CapabilitiesSpec? caps, IIdentitySyscalls sys)
    {
        ArgumentNullException.ThrowIfNull(user);
        // Resolve every name before the first irreversible call, so bad input fails cleanly.
        var wanted = caps is null ? (Wanted?)null : Wanted.From(caps, sys.LastCap);

        ulong bounding = 0;
        if (wanted is { } w)
        {
            // Without keep-caps, leaving uid 0 would empty the permitted set before we choose it.
            sys.SetKeepCaps(true);
            bounding = ShrinkBoundingSet(w.Bounding, sys);
        }

        sys.SetGroups(user.AdditionalGids ?? []);
        sys.SetResGid(user.Gid);
        sys.SetResUid(user.Uid);

        if (wanted is { } v)
        {
            var now = sys.GetCaps();
            // Ask only for what the thread still holds: a cap the host never granted
            // (this host's bounding set lacks CAP_SYS_RESOURCE) is simply absent, as the
            // kernel would refuse to add it with EPERM.
            var permitted = v.Permitted & now.Permitted;
            var effective = v.Effective & permitted;
            var inheritable = v.Inheritable & bounding & (now.Inheritable | now.Permitted);
            sys.SetCaps(new CapSets(effective, permitted, inheritable));

            sys.ClearAmbient();
            // The kernel raises an ambient cap only if it is both permitted and inheritable;
            // runc skips the others with a warning rather than failing the container.
            var ambient = v.Ambient & permitted & inheritable;
            for (var cap = 0; cap <= Math.Min(sys.LastCap, 63); cap++)
                if ((ambient & (1UL << cap)) != 0)
                    sys.RaiseAmbient(cap);
            sys.SetKeepCaps(false);
        }

        if (user.Umask is { } mask)
            sys.Umask(mask);
    }

    // Returns the bounding set left afterwards: the requested caps the host still had.
    private static ulong ShrinkBoundingSet(ulong keep, IIdentitySyscalls sys)
    {
        ulong left = 0;
        for (var cap = 0; cap <= Math.Min(sys.LastCap, 63); cap++)
        {
            if (!sys.InBoundingSet(cap))
                continue;
            var bit = 1UL << cap;
            if ((keep & bit) != 0)
                left |= bit;
            else
                sys.DropBounding(cap);
        }
        return left;
    }

    private readonly record struct Wanted(ulong Bounding, ulong Effective, ulong Permitted, ulong Inheritable, ulong Ambient)
    {
        public static Wanted From(CapabilitiesSpec caps, int lastCap)
        {
            // Caps newer than the running kernel are ignored, as runc does.
            var known = lastCap >= 63 ? ulong.MaxValue : (1UL << (lastCap + 1)) - 1;
            return new Wanted(
                Capabilities.Mask(caps.Bounding) & known,
                Capabilities.Mask(caps.Effective) & known,
                Capabilities.Mask(caps.Permitted) & known,
                Capabilities.Mask(caps.Inheritable) & known,
                Capabilities.Mask(caps.Ambient) & known);
        }
    }
}
