namespace Mailroom.Edge.Ctl.Push;

/// <summary>How <c>credentials push</c> pushes to each device.</summary>
/// <param name="Delta">Send the difference from the list the state directory says the device holds, when it does.</param>
/// <param name="ChunkSize">Credentials per snapshot chunk.</param>
/// <param name="AnswerTimeout">How long to wait for each command's result (the device's list, the authorisation).</param>
/// <param name="ApplyTimeout">How long to wait for <c>credentials.sync_result</c> once the broker has every chunk.</param>
internal sealed record PushOptions(bool Delta, int ChunkSize, TimeSpan AnswerTimeout, TimeSpan ApplyTimeout);
