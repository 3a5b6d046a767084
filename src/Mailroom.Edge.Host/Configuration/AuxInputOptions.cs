using Mailroom.Edge.Core.Doors;

namespace Mailroom.Edge.Host.Configuration;

/// <summary>An auxiliary input (panic button, screening alarm): its line, the door it belongs to (empty = device), its action.</summary>
public sealed class AuxInputOptions
{
    public InputLineOptions Input { get; set; } = new();

    public string? Door { get; set; }

    public AuxAction Action { get; set; } = AuxAction.None;

    /// <summary>Raise <c>alarm.aux</c> on activation (and <c>alarm.aux_cleared</c> on release).</summary>
    public bool Alarm { get; set; } = true;
}
