using Berth.Oci.Runtime;

namespace Berth.Engine.Containers.Spec;

// Resolves Docker's user forms ("name", "uid", "name:group", "uid:gid") against the rootfs's
// /etc/passwd and /etc/group, as runc's user lookup does: a number missing from passwd is taken
// as is with gid 0; a name missing is an error.
public static class UserResolver
{
    private sealed record PasswdEntry(string Name, uint Uid, uint Gid, string Home);

    private sealed record GroupEntry(string Name, uint Gid, string[] Members);

    public static (UserSpec User, string Home) Resolve(string rootfs, string? user, IEnumerable<string>? groupAdd)
    {
        var passwd = ReadPasswd(Path.Combine(rootfs, "etc/passwd"));
        var groups = ReadGroups(Path.Combine(rootfs, "etc/group"));
        var spec = string.IsNullOrEmpty(user) ? "0" : user;
        var colon = spec.IndexOf(':');
        var userPart = colon < 0 ? spec : spec[..colon];
        var groupPart = colon < 0 ? null : spec[(colon + 1)..];

        PasswdEntry? entry;
        uint uid, gid;
        if (uint.TryParse(userPart, out var n))
        {
            entry = passwd.FirstOrDefault(p => p.Uid == n);
            uid = n;
            gid = entry?.Gid ?? 0;
        }
        else
        {
            entry = passwd.FirstOrDefault(p => p.Name == userPart)
                ?? throw new ContainerSpecException($"unable to find user {userPart}: no matching entries in passwd file");
            uid = entry.Uid;
            gid = entry.Gid;
        }

        var additional = new List<uint>();
        if (groupPart is not null)
        {
            gid = ResolveGroup(groupPart, groups);
        }
        else if (entry is not null)
        {
            // Without an explicit group, the user's supplementary groups from /etc/group apply.
            foreach (var g in groups.Where(g => g.Members.Contains(entry.Name) && g.Gid != gid))
                if (!additional.Contains(g.Gid)) additional.Add(g.Gid);
        }
        foreach (var g in groupAdd ?? [])
        {
            var id = ResolveGroup(g, groups);
            if (!additional.Contains(id)) additional.Add(id);
        }
        var home = entry?.Home is { Length: > 0 } h ? h : "/";
        return (new UserSpec { Uid = uid, Gid = gid, AdditionalGids = additional.Count > 0 ? additional : null }, home);
    }

    private static uint ResolveGroup(string group, List<GroupEntry> groups)
    {
        if (uint.TryParse(group, out var n)) return n;
        return groups.FirstOrDefault(g => g.Name == group)?.Gid
            ?? throw new ContainerSpecException($"unable to find group {group}: no matching entries in group file");
    }

    private static List<PasswdEntry> ReadPasswd(string path)
    {
        var list = new List<PasswdEntry>();
        foreach (var f in Lines(path))
            if (f.Length >= 4 && uint.TryParse(f[2], out var uid) && uint.TryParse(f[3], out var gid))
                list.Add(new PasswdEntry(f[0], uid, gid, f.Length > 5 ? f[5] : ""));
        return list;
    }

    private static List<GroupEntry> ReadGroups(string path)
    {
        var list = new List<GroupEntry>();
        foreach (var f in Lines(path))
            if (f.Length >= 3 && uint.TryParse(f[2], out var gid))
                list.Add(new GroupEntry(f[0], gid, f.Length > 3 ? f[3].Split(',', StringSplitOptions.RemoveEmptyEntries) : []));
        return list;
    }

    // A missing file is an empty database: numeric users still work, as with runc. The rootfs is the
    // container's, so a symlinked /etc/passwd is not followed out of it.
    private static IEnumerable<string[]> Lines(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists || info.LinkTarget is not null) return [];
        return File.ReadAllLines(path)
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(':'));
    }
}
