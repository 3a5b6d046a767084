namespace Mailroom.Edge.Core.Commands;

/// <summary>The one result every command gets on <c>{root}/cmd-result</c> (docs/mqtt.md, "Commands").</summary>
public enum CommandStatus
{
    /// <summary>Authenticated, fresh, and done (or started, for long actions).</summary>
    Accepted,

    /// <summary>Refused before anything moved; <see cref="CommandOutcome.Reason"/> says why.</summary>
    Rejected,

    /// <summary>Authenticated and authorised, but the handler could not do it.</summary>
    Failed,
}
