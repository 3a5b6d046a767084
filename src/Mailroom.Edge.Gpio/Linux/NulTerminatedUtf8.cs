using System.Text;

namespace Mailroom.Edge.Gpio.Linux;

/// <summary>Reads and writes the kernel's fixed <c>char[32]</c> name fields, which are NUL-terminated UTF-8 bytes.</summary>
internal static unsafe class NulTerminatedUtf8
{
    public static string Read(byte* field, int size)
    {
        var bytes = new ReadOnlySpan<byte>(field, size);
        int end = bytes.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? bytes : bytes[..end]);
    }

    /// <summary>Writes at most size-1 bytes so the kernel always sees a terminator; a cut never splits a UTF-8 sequence.</summary>
    public static void Write(string value, byte* field, int size)
    {
        var target = new Span<byte>(field, size);
        target.Clear();
        var bytes = Encoding.UTF8.GetBytes(value).AsSpan();
        int length = Math.Min(bytes.Length, size - 1);
        while (length > 0 && length < bytes.Length && (bytes[length] & 0xC0) == 0x80)
        {
            length--;
        }

        bytes[..length].CopyTo(target);
    }
}
