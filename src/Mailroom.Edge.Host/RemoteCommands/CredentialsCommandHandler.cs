using Mailroom.Edge.Core.Commands;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Storage.Credentials;
using Mailroom.Edge.Storage.SyncProtocol;

namespace Mailroom.Edge.Host.RemoteCommands;

/// <summary>
/// <c>credentials</c>: <c>sync</c> asks the central server for a full snapshot now (a
/// <c>credentials.snapshot_requested</c> event); <c>snapshot</c> and <c>delta</c> record a signed authorisation of
/// one sync by its result (version, count, content hash), which the sync loop needs before it applies the unsigned
/// data arriving on <c>{root}/sync/credentials</c> (docs/security.md, "Credential sync"). Accepted means recorded; the
/// sync's own <c>credentials.sync_result</c> follows when its data has arrived.
/// </summary>
public sealed class CredentialsCommandHandler(
    CredentialSyncAuthorisations authorisations,
    SqliteCredentialStore store,
    IEventPort events,
    TimeProvider time) : ICommandHandler
{
    public string Name => CommandNames.Credentials;

    public async ValueTask<CommandOutcome> HandleAsync(SignedCommand command, CancellationToken cancellationToken)
    {
        var args = (CredentialsArguments)command.Arguments;
        if (args.Action == CredentialsArguments.Sync)
        {
            await events.Emit(new CredentialSnapshotRequestedEvent(time.GetUtcNow(), store.Status.Version, $"asked for by command {command.Id} of {command.Issuer}")).WaitAsync(cancellationToken);
            return CommandOutcome.Accepted($"full snapshot requested; the live list is version {store.Status.Version}");
        }
        var kind = args.Action == CredentialsArguments.Snapshot ? CredentialSyncAuthorisation.SnapshotKind : CredentialSyncAuthorisation.DeltaKind;
        var authorisation = new CredentialSyncAuthorisation(kind, args.FromVersion, args.Version, args.Count, args.Hash);
        authorisations.Record(authorisation);
        return CommandOutcome.Accepted($"{CredentialSyncAuthorisation.Describe(kind, args.FromVersion, args.Version, args.Count, args.Hash)} authorised for {authorisations.Lifetime}");
    }
}
