using Berth.Oci.Runtime;

namespace Berth.Linux.Cgroups;

// linux.resources.hugepageLimits: one file per page size.
internal static class HugetlbResources
{
    public static void Apply(CgroupKnobs k, IEnumerable<HugepageLimit> limits)
    {
        foreach (var l in limits)
        {
            if (!CgroupConvert.IsPageSize(l.PageSize))
                throw new LinuxException($"cgroup hugetlb: invalid page size \"{l.PageSize}\" (expected e.g. 2MB, 1GB)");
            var file = k.V2 ? $"hugetlb.{l.PageSize}.max" : $"hugetlb.{l.PageSize}.limit_in_bytes";
            if (!k.Has(file))
                throw new LinuxException($"cgroup hugetlb: page size {l.PageSize} is not supported on this host (no {file})");
            k.Set(file, CgroupConvert.Num(l.Limit));
        }
    }
}
