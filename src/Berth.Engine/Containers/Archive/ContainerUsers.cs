namespace Berth.Engine.Containers.Archive;

// The uid and gid a container's "user[:group]" names, looked up in the container's own /etc/passwd and /etc/group
// (numbers are taken as they are), for `docker cp -a` into a container that runs as a user.
public static class ContainerUsers
{
    public static (int Uid, int Gid) Lookup(string root, string user)
    {
        var parts = user.Split(':', 2);
        var passwd = ReadTable(root, "etc/passwd");
        int uid;
        int gid = 0;
        if (int.TryParse(parts[0], out var numeric))
        {
            uid = numeric;
            if (passwd.FirstOrDefault(e => e.Length > 3 && e[2] == parts[0]) is { } byUid && int.TryParse(byUid[3], out var g)) gid = g;
        }
        else
        {
            var entry = passwd.FirstOrDefault(e => e.Length > 3 && e[0] == parts[0])
                ?? throw new ContainerException(400, $"unable to find user {parts[0]}: no matching entries in passwd file");
            uid = int.Parse(entry[2]);
            gid = int.TryParse(entry[3], out var g) ? g : 0;
        }
        if (parts.Length == 2)
        {
            if (int.TryParse(parts[1], out var numericGroup)) gid = numericGroup;
            else
            {
                var group = ReadTable(root, "etc/group").FirstOrDefault(e => e.Length > 2 && e[0] == parts[1])
                    ?? throw new ContainerException(400, $"unable to find group {parts[1]}: no matching entries in group file");
                gid = int.Parse(group[2]);
            }
        }
        return (uid, gid);
    }

    private static List<string[]> ReadTable(string root, string relative)
    {
        // Resolved inside the root: the container's /etc/passwd may be a symlink.
        var path = Berth.Linux.Mounts.SecurePath.Join(root, relative);
        if (!File.Exists(path)) return [];
        return File.ReadLines(path).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split(':')).ToList();
    }
}
