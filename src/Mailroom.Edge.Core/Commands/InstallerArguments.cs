namespace Mailroom.Edge.Core.Commands;

/// <summary>
/// <c>installer</c>: the signed form of <c>mailroom-edge installer enable|disable</c>. To enable, the operator's tool
/// makes the one-time setup code itself and sends only its PBKDF2 hash (<see cref="SetupCodeHash"/>, at least
/// <see cref="MinimumIterations"/> iterations), so the code is never on the wire, in the device's outbox or in an event;
/// <see cref="Duration"/> null means <see cref="DefaultWindow"/>.
/// </summary>
public sealed record InstallerArguments(string Action, TimeSpan? Duration, string? SetupCodeHash) : CommandArguments
{
    public const string EnableAction = "enable";
    public const string DisableAction = "disable";

    /// <summary>The PBKDF2 iterations of the setup code's and the password's hash, as the page keeps them.</summary>
    public const int MinimumIterations = 600_000;

    public static readonly IReadOnlyList<string> Actions = [EnableAction, DisableAction];

    public static readonly TimeSpan DefaultWindow = TimeSpan.FromHours(4);

    public static readonly TimeSpan LongestWindow = TimeSpan.FromHours(24);
}
