namespace Mailroom.Edge.Ctl.Push;

/// <summary>What the state directory remembers of a device: the list it applied last from this machine.</summary>
/// <param name="Version">The version the device applied it as.</param>
/// <param name="Count">Its number of credentials.</param>
/// <param name="Hash">Its content hash (also the name of the list's file in the state directory).</param>
/// <param name="Applied">When mailroomctl saw the device's <c>credentials.sync_result</c> <c>applied</c>.</param>
internal sealed record DeviceListRecord(long Version, long Count, string Hash, DateTimeOffset Applied);
