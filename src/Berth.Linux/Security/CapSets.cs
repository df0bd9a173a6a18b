namespace Berth.Linux.Security;

// The three per-thread capability sets capget/capset move, as 64-bit masks.
internal readonly record struct CapSets(ulong Effective, ulong Permitted, ulong Inheritable);
