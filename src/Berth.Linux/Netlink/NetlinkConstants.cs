namespace Berth.Linux.Netlink;

// Values from linux/netlink.h, linux/rtnetlink.h, linux/if_link.h and linux/if_addr.h.
internal static class Nl
{
    public const int AfNetlink = 16, NetlinkRoute = 0, SolNetlink = 270, NetlinkCapAck = 10, NetlinkExtAck = 11;
    public const int HeaderSize = 16;

    public const ushort Noop = 1, Error = 2, Done = 3;

    public const ushort Request = 0x1, Multi = 0x2, Ack = 0x4, Echo = 0x8, Dump = 0x300,
        Replace = 0x100, Excl = 0x200, Create = 0x400, Append = 0x800;

    // Flag the kernel sets on an error message that carries extended-ack attributes.
    public const ushort AckTlvs = 0x200;
    public const ushort ErrAttrMsg = 1;

    public const ushort NestedFlag = 0x8000;
}

internal static class Rtm
{
    public const ushort NewLink = 16, DelLink = 17, GetLink = 18, NewAddr = 20, DelAddr = 21, GetAddr = 22,
        NewRoute = 24, DelRoute = 25, GetRoute = 26;
}

internal static class Ifla
{
    public const ushort Address = 1, Broadcast = 2, IfName = 3, Mtu = 4, Link = 5, Master = 10, OperState = 16,
        LinkInfo = 18, NetNsPid = 19, NetNsFd = 28;

    public const ushort InfoKind = 1, InfoData = 2, InfoSlaveKind = 4, InfoSlaveData = 5;
    public const ushort VethInfoPeer = 1;
    public const ushort BrportMode = 4; // hairpin
}

internal static class Ifa
{
    public const ushort Address = 1, Local = 2, Label = 3, Broadcast = 4;
}

internal static class Rta
{
    public const ushort Dst = 1, Src = 2, Oif = 4, Gateway = 5, Priority = 6, PrefSrc = 7, Table = 15;
}

internal static class Af
{
    public const byte Unspec = 0, Inet = 2, Bridge = 7;
}
