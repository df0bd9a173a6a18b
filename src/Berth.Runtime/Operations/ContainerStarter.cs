using Berth.Linux.Native;
using Berth.Linux.Processes;
using Berth.Runtime.Hooks;
using Berth.Runtime.State;

namespace Berth.Runtime.Operations;

// `start`: opens exec.fifo for reading, which releases init into execve, then runs poststart hooks.
public sealed class ContainerStarter(StateStore store, Action<string> warn)
{
    public void Start(string id) => Start(store.Load(id));

    // record: as loaded or just created (run hands over its own and saves re-reading the whole spec).
    public void Start(ContainerRecord record)
    {
        var id = record.Id;
        var status = ContainerStatus.Of(record, store);
        if (status != ContainerStatus.Created) throw new RuntimeException($"cannot start a container that is {status}");
        var fifo = store.FifoOf(id);
        var fd = Fd.TryOpenAt(-100 /* AT_FDCWD */, fifo, OpenFlags.ReadOnly | OpenFlags.NonBlock, out var errno);
        if (fd < 0) throw new SyscallException($"open {fifo}", errno);
        try
        {
            Span<byte> buf = stackalloc byte[1];
            while (true)
            {
                if (Fd.WaitReadable(fd, 100) && Fd.Read(fd, buf) == 1) break;
                if (ProcessInfo.StartTime(record.Pid) != record.PidStartTime)
                {
                    throw new RuntimeException($"container init of \"{id}\" exited before it could start");
                }
            }
        }
        finally
        {
            Fd.Close(fd);
        }
        try
        {
            File.Delete(fifo);
        }
        catch (DirectoryNotFoundException)
        {
            // The process ran and exited at once, and the container was deleted before we got here.
        }
        HookRunner.RunWarnOnly(record.Spec.Hooks?.Poststart, record.ToOciState(ContainerStatus.Running), "poststart", warn);
    }
}
