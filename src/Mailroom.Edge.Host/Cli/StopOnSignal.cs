using System.Runtime.InteropServices;

namespace Mailroom.Edge.Host.Cli;

/// <summary>
/// For a verb that runs until Ctrl-C or SIGTERM (the watch verbs): System.CommandLine 2.0 handles no signal unless asked
/// (ProcessTerminationTimeout), so the runtime's default would end the process with 130 or 143; caught here, the stop
/// becomes <see cref="Token"/>, and the verb ends through its loop and its disposals with its own exit code.
/// </summary>
internal sealed class StopOnSignal : IDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly PosixSignalRegistration _sigint;
    private readonly PosixSignalRegistration _sigterm;

    public StopOnSignal(CancellationToken cancellationToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
    }

    public CancellationToken Token => _stop.Token;

    private void Stop(PosixSignalContext context)
    {
        context.Cancel = true;
        _stop.Cancel();
    }

    public void Dispose()
    {
        _sigint.Dispose();
        _sigterm.Dispose();
        _stop.Dispose();
    }
}
