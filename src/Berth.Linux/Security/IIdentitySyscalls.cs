namespace Berth.Linux.Security;

// The kernel calls ProcessIdentity makes, behind a seam so the ordering of the
// transition can be tested with a recording double instead of a real (and
// irreversible) setuid.
internal interface IIdentitySyscalls
{
    int LastCap { get; }
    void SetKeepCaps(bool keep);
    bool InBoundingSet(int cap);
    void DropBounding(int cap);
    void SetGroups(IReadOnlyList<uint> gids);
    void SetResGid(uint gid);
    void SetResUid(uint uid);
    CapSets GetCaps();
    void SetCaps(CapSets caps);
    void ClearAmbient();
    void RaiseAmbient(int cap);
    void Umask(uint mask);
}
