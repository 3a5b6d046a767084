using Mailroom.Edge.Core.Commands;

namespace Mailroom.Edge.Host.Tests.Commands;

/// <summary>A handler that only counts: every call is an actuation the authority code let through.</summary>
internal sealed class CountingHandler(string name) : ICommandHandler
{
    private int _calls;

    public string Name => name;

    public int Calls => _calls;

    public ValueTask<CommandOutcome> HandleAsync(SignedCommand command, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return ValueTask.FromResult(CommandOutcome.Accepted());
    }
}
