using System.Text.Json;

namespace Mailroom.Edge.Core.Events;

/// <summary>
/// <c>installer.*</c> on <c>{root}/event/system</c>: what happened on the installer's page, with who did it. Kinds:
/// <c>enabled</c> / <c>disabled</c> (the window opened, or closed or expired; <paramref name="Detail"/> says until when
/// or why), <c>password_set</c>, <c>login</c>, <c>login_failed</c>, <c>locked_out</c>, <c>action</c> (a test action:
/// the detail names it). <paramref name="Installer"/> is the name the installer gave with the password; <paramref name="Remote"/>
/// the browser's address. Never carries a password or the setup code.
/// </summary>
public sealed record InstallerEvent(DateTimeOffset Timestamp, string Kind, string? Installer, string? Remote, string? Detail) : DomainEvent(Timestamp)
{
    public override string Type => "installer." + Kind;

    public override EventCategory Category => EventCategory.System;

    // Who touched the door's controller is audit evidence: never shed.
    public override EventPriority Priority => EventPriority.Critical;

    public override void WriteFields(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (Installer is not null)
            json.WriteString("installer", Installer);
        if (Remote is not null)
            json.WriteString("remote", Remote);
        if (Detail is not null)
            json.WriteString("detail", Detail);
    }
}
