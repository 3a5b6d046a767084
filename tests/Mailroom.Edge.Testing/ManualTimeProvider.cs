using Mailroom.Edge.Gpio.Simulated;

namespace Mailroom.Edge.Testing;

/// <summary>
/// The tests' virtual clock: a <see cref="VirtualTimeProvider"/> (shared with the scenario simulator) that starts at
/// Monday 2 November 2026, 09:00 UTC unless told otherwise. Timers fire synchronously inside <c>Advance</c>.
/// </summary>
public sealed class ManualTimeProvider(DateTimeOffset? start = null)
    : VirtualTimeProvider(start ?? new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
