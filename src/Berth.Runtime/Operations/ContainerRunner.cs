using System.Runtime.InteropServices;
using Berth.Linux.Processes;
using Berth.Runtime.State;

namespace Berth.Runtime.Operations;

// `run`: create, start, wait in the foreground forwarding signals, then delete; the exit status is the
// container's (128+signal if a signal ended it).
public sealed class ContainerRunner(StateStore store, Action<string> warn)
{
    private static readonly PosixSignal[] Forwarded =
        [PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGQUIT, PosixSignal.SIGHUP, (PosixSignal)10, (PosixSignal)12];

    public int Run(string id, string bundle, string? consoleSocket, string? pidFile, bool detach)
    {
        var creator = new ContainerCreator(store, warn);
        var record = creator.Create(id, bundle, consoleSocket, relayTerminal: !detach, out var master);
        if (!detach) creator.Persist(record, pidFile);
        var relay = master >= 0 ? new ConsoleRelay(master) : null;
        var registrations = new List<PosixSignalRegistration>();
        try
        {
            if (!detach)
            {
                foreach (var signal in Forwarded)
                {
                    registrations.Add(PosixSignalRegistration.Create(signal, ctx =>
                    {
                        ctx.Cancel = true;
                        ProcessControl.Kill(record.Pid, SignalNumber(ctx.Signal));
                    }));
                }
            }
            if (detach) Standby.StandbyRuntime.OfferMountNamespace(record.Pid);
            try
            {
                new ContainerStarter(store, warn).Start(record);
            }
            catch when (detach)
            {
                creator.Abandon(record); // its state is not on disk yet: only this undoes it
                throw;
            }
            if (detach)
            {
                // Once init is on its way to exec: its state is on disk before this process exits, which is all
                // that anyone who asks about it (the shim, a later state or delete) waits for.
                creator.Persist(record, pidFile);
                return 0;
            }
            var status = ProcessWaiter.WaitExit(record.Pid);
            relay?.Drain();
            return status;
        }
        finally
        {
            relay?.Dispose();
            foreach (var r in registrations) r.Dispose();
            if (!detach) new ContainerDeleter(store, warn).Delete(id, force: true);
        }
    }

    // .NET maps the portable names to negative values; raw numbers pass through.
    private static int SignalNumber(PosixSignal s) => s switch
    {
        PosixSignal.SIGINT => 2,
        PosixSignal.SIGTERM => 15,
        PosixSignal.SIGQUIT => 3,
        PosixSignal.SIGHUP => 1,
        _ => (int)s,
    };
}
