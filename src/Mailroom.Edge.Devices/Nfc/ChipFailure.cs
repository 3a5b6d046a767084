using Mailroom.Edge.Core.Readers.Nfc;

namespace Mailroom.Edge.Devices.Nfc;

/// <summary>What a binding throws while talking to its chip (a bare <see cref="Exception"/>, <see cref="IOException"/>,
/// <see cref="TimeoutException"/>, an index out of range on a short reply…) becomes the one <see cref="NfcChipException"/>
/// the reader's loop handles, naming the chip.</summary>
internal static class ChipFailure
{
    public static T Guard<T>(string chip, Func<T> call)
    {
        try
        {
            return call();
        }
        catch (Exception e) when (e is not NfcChipException and not OutOfMemoryException)
        {
            throw new NfcChipException($"{chip}: {e.Message}", e);
        }
    }
}
