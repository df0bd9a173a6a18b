namespace Berth.Linux.Netlink;

// One encoded request and what it does, for error messages ("add address 10.1.0.2/24 to eth0").
// A dump request ends with NLMSG_DONE; any other request ends with the kernel's ACK.
internal sealed record NetlinkRequest(string What, byte[] Message, bool IsDump = false);
