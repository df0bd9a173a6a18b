using System.Runtime.InteropServices;

namespace Berth.Linux.Native;

// Thin libc bindings used across Berth.Linux. Every call sets errno for SyscallException.
internal static unsafe partial class Libc
{
    private const string L = "libc";

    [LibraryImport(L, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int mount(string? source, string target, string? fstype, ulong flags, string? data);

    [LibraryImport(L, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int umount2(string target, int flags);

    [LibraryImport(L, SetLastError = true)]
    public static partial int unshare(int flags);

    [LibraryImport(L, SetLastError = true)]
    public static partial int setns(int fd, int nstype);

    [LibraryImport(L, SetLastError = true)]
    public static partial long syscall(long number, nint a1, nint a2, nint a3, nint a4, nint a5);

    [LibraryImport(L, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int sethostname(string name, nuint len);

    [LibraryImport(L, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int setdomainname(string name, nuint len);

    [LibraryImport(L, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int chdir(string path);

    [LibraryImport(L, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int chroot(string path);

    [LibraryImport(L, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int mknod(string path, uint mode, ulong dev);

    [LibraryImport(L, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int symlink(string target, string linkpath);

    [LibraryImport(L, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int mkfifo(string path, uint mode);

    [LibraryImport(L, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int lchown(string path, uint uid, uint gid);

    [LibraryImport(L, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int chmod(string path, uint mode);

    [LibraryImport(L, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int open(string path, int flags, uint mode);

    [LibraryImport(L, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int openat(int dirfd, string path, int flags, uint mode);

    [LibraryImport(L, SetLastError = true)]
    public static partial int close(int fd);

    [LibraryImport(L, SetLastError = true)]
    public static partial nint read(int fd, byte* buf, nuint count);

    [LibraryImport(L, SetLastError = true)]
    public static partial nint write(int fd, byte* buf, nuint count);

    [LibraryImport(L, SetLastError = true)]
    public static partial int dup2(int oldfd, int newfd);

    [LibraryImport(L, SetLastError = true)]
    public static partial int fcntl(int fd, int cmd, int arg);

    [LibraryImport(L, SetLastError = true)]
    public static partial int pipe2(int* fds, int flags);

    [LibraryImport(L, SetLastError = true)]
    public static partial int socketpair(int domain, int type, int protocol, int* sv);

    [LibraryImport(L, SetLastError = true)]
    public static partial int socket(int domain, int type, int protocol);

    [LibraryImport(L, SetLastError = true)]
    public static partial int connect(int fd, byte* addr, uint len);

    [LibraryImport(L, SetLastError = true)]
    public static partial int listen(int fd, int backlog);

    [LibraryImport(L, SetLastError = true)]
    public static partial nint sendmsg(int fd, MsgHdr* msg, int flags);

    [LibraryImport(L, SetLastError = true)]
    public static partial nint recvmsg(int fd, MsgHdr* msg, int flags);

    [LibraryImport(L, SetLastError = true)]
    public static partial int poll(PollFd* fds, nuint nfds, int timeout);

    [LibraryImport(L, SetLastError = true)]
    public static partial int ioctl(int fd, ulong request, nint arg);

    [LibraryImport(L, SetLastError = true)]
    public static partial int kill(int pid, int sig);

    [LibraryImport(L, SetLastError = true)]
    public static partial int waitpid(int pid, int* status, int options);

    [LibraryImport(L, SetLastError = true)]
    public static partial int setsid();

    [LibraryImport(L, SetLastError = true)]
    public static partial int getpid();

    [LibraryImport(L, SetLastError = true)]
    public static partial int prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [LibraryImport(L, SetLastError = true)]
    public static partial int execve(byte* path, byte** argv, byte** envp);

    [LibraryImport(L, SetLastError = true)]
    public static partial int sigprocmask(int how, ulong* set, ulong* oldset);

    [LibraryImport(L, SetLastError = true)]
    public static partial int sigaction(int sig, KernelSigaction* act, KernelSigaction* oldact);

    [LibraryImport(L, SetLastError = true)]
    public static partial uint umask(uint mask);

    [LibraryImport(L, SetLastError = true)]
    public static partial int posix_openpt(int flags);

    [LibraryImport(L, SetLastError = true)]
    public static partial int grantpt(int fd);

    [LibraryImport(L, SetLastError = true)]
    public static partial int unlockpt(int fd);

    [LibraryImport(L, SetLastError = true)]
    public static partial int ptsname_r(int fd, byte* buf, nuint buflen);

    [LibraryImport(L, SetLastError = true)]
    public static partial int posix_spawn(int* pid, byte* path, void* fileActions, void* attr, byte** argv, byte** envp);

    [LibraryImport(L, SetLastError = true)]
    public static partial int posix_spawn_file_actions_init(void* actions);

    [LibraryImport(L, SetLastError = true)]
    public static partial int posix_spawn_file_actions_destroy(void* actions);

    [LibraryImport(L, SetLastError = true)]
    public static partial int posix_spawn_file_actions_adddup2(void* actions, int fd, int newfd);

    [LibraryImport(L, SetLastError = true)]
    public static partial int posix_spawnattr_init(void* attr);

    [LibraryImport(L, SetLastError = true)]
    public static partial int posix_spawnattr_destroy(void* attr);

    [LibraryImport(L, SetLastError = true)]
    public static partial int posix_spawnattr_setflags(void* attr, short flags);

    [LibraryImport(L, SetLastError = true)]
    public static partial int posix_spawnattr_setsigdefault(void* attr, ulong* sigset);

    [LibraryImport(L, SetLastError = true)]
    public static partial int posix_spawnattr_setsigmask(void* attr, ulong* sigset);

    [LibraryImport(L, SetLastError = true)]
    public static partial int setpriority(int which, int who, int prio);


    [LibraryImport(L, SetLastError = true)]
    public static partial int epoll_create1(int flags);

    [LibraryImport(L, SetLastError = true)]
    public static partial int epoll_ctl(int epfd, int op, int fd, EpollEvent* ev);

    [LibraryImport(L, SetLastError = true)]
    public static partial int epoll_wait(int epfd, EpollEvent* events, int maxEvents, int timeout);

    // struct epoll_event is packed on x86_64.
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    public struct EpollEvent
    {
        public uint Events;
        public ulong Data;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct MsgHdr
    {
        public void* Name;
        public uint NameLen;
        public IoVec* Iov;
        public nuint IovLen;
        public void* Control;
        public nuint ControlLen;
        public int Flags;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct IoVec
    {
        public void* Base;
        public nuint Len;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short REvents;
    }

    // glibc's struct sigaction on x86_64: handler, 128-byte mask, flags, restorer.
    [StructLayout(LayoutKind.Sequential)]
    public struct KernelSigaction
    {
        public nint Handler;
        public fixed ulong Mask[16];
        public int Flags;
        public nint Restorer;
    }
}

internal static partial class Libc
{
    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int statfs(string path, ref StatFs buf);
}

// struct statfs on x86_64 Linux.
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct StatFs
{
    public long Type, BlockSize, Blocks, BlocksFree, BlocksAvailable, Files, FilesFree;
    public fixed int Fsid[2];
    public long NameLength, FragmentSize, Flags;
    public fixed long Spare[4];

    // ST_* bits of statfs, translated to the MS_* bits a remount must repeat.
    public static ulong ToMountFlags(long st)
    {
        ulong flags = (ulong)st & (MountFlags.ReadOnly | MountFlags.NoSuid | MountFlags.NoDev | MountFlags.NoExec
            | MountFlags.NoAtime | MountFlags.NoDirAtime);
        if ((st & 0x1000) != 0) flags |= MountFlags.RelAtime;
        if ((st & 0x2000) != 0) flags |= MountFlags.NoSymFollow;
        return flags;
    }
}

internal static partial class Libc
{
    [LibraryImport("libc", SetLastError = true)]
    public static partial int fork();

    [LibraryImport("libc")]
    public static partial void _exit(int status);
}
