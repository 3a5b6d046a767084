using System.Globalization;
using System.Text;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Readers.Wiegand;

namespace Mailroom.Edge.Storage.Credentials;

/// <summary>
/// One credential as its line of the content hash (<see cref="CredentialHash"/>: the columns of
/// <see cref="CredentialRows.Columns"/> in order, as UTF-8 text, TAB between them, LF at the end), written into a
/// buffer that is reused for every row. <see cref="CredentialInsert"/> binds the text columns from the same bytes, so
/// what is stored and what is hashed cannot differ, and neither costs an allocation per row: a 2,000,000-row snapshot
/// used to churn 4 GB through the GC, and every GC pause stops the door decisions too.
/// </summary>
internal sealed class CredentialLine
{
    public const int ColumnCount = 18;

    /// <summary>The columns stored as integers (the rest are text, NULL when empty).</summary>
    private static readonly bool[] IntegerColumns = [false, true, true, false, true, false, false, true, false, false, false, true, true, false, false, false, true, false];

    private readonly int[] _start = new int[ColumnCount];
    private readonly int[] _end = new int[ColumnCount];
    private readonly long[] _integer = new long[ColumnCount];
    private readonly bool[] _null = new bool[ColumnCount];
    private byte[] _buffer = new byte[1024];
    private char[] _groups = new char[256];
    private int _length;

    /// <summary>The whole line, LF included.</summary>
    public ReadOnlySpan<byte> Line => _buffer.AsSpan(0, _length);

    /// <summary>The primary key's format column, as stored (UTF-8).</summary>
    public ReadOnlySpan<byte> Format => Text(0);

    /// <summary>The stored facility (<see cref="CredentialSchema.NoFacility"/> for none).</summary>
    public long Facility => _integer[1];

    /// <summary>The stored number (two's complement for 2^63 and above).</summary>
    public long Number => _integer[2];

    /// <summary>The primary key as a card, for a message about the row.</summary>
    public CardCredential Key() =>
        new(Encoding.UTF8.GetString(Format), CredentialRows.FacilityOf(Facility), CredentialRows.NumberOf(Number));

    public static bool IsInteger(int column) => IntegerColumns[column];

    /// <summary>A text column's UTF-8 bytes; empty means NULL.</summary>
    public ReadOnlySpan<byte> Text(int column) => _buffer.AsSpan(_start[column], _end[column] - _start[column]);

    /// <summary>An integer column's stored value.</summary>
    public long Integer(int column) => _integer[column];

    /// <summary>Whether an integer column is stored as NULL (an absent <c>max_uses</c>).</summary>
    public bool IsNull(int column) => _null[column];

    public void Write(EnrolledCredential c) => Write(CredentialFields.Of(c, ref _groups));

    public void Write(in CredentialFields c)
    {
        _length = 0;
        WriteText(0, c.Format);
        _integer[1] = CredentialRows.Facility(c.Facility);
        if (c.Facility is { } facility)
            WriteNumber(1, facility);
        else
            WriteText(1, default);
        _integer[2] = CredentialRows.Number(c.Number);
        WriteNumber(2, c.Number);
        WriteText(3, c.Holder);
        WriteFlag(4, c.Enabled);
        WriteTime(5, c.ValidFrom);
        WriteTime(6, c.ValidUntil);
        WriteFlag(7, c.Responder);
        WriteText(8, c.Groups);
        WriteText(9, c.PinHash);
        WriteText(10, c.DuressPinHash);
        WriteFlag(11, c.ExtendedGrant);
        WriteFlag(12, c.LockdownKey);
        WriteText(13, c.PinIndex);
        WriteText(14, c.DuressPinIndex);
        WriteText(15, c.Category);
        WriteOptionalNumber(16, c.MaxUses);
        WriteText(17, c.Schedule);
        WriteByte((byte)'\n');
    }

    private void WriteText(int column, ReadOnlySpan<char> text)
    {
        Separator(column);
        var start = _length;
        _length += Encoding.UTF8.GetBytes(text, Room(Encoding.UTF8.GetMaxByteCount(text.Length)));
        Mark(column, start);
    }

    private void WriteNumber(int column, ulong value)
    {
        Separator(column);
        var start = _length;
        value.TryFormat(Room(20), out var written, default, CultureInfo.InvariantCulture);
        _length += written;
        Mark(column, start);
    }

    private void WriteOptionalNumber(int column, int? value)
    {
        _null[column] = value is null;
        _integer[column] = value ?? 0;
        if (value is { } v)
            WriteNumber(column, (ulong)v);
        else
            WriteText(column, default);
    }

    private void WriteFlag(int column, bool value)
    {
        _integer[column] = value ? 1 : 0;
        Separator(column);
        WriteByte(value ? (byte)'1' : (byte)'0');
        Mark(column, _length - 1);
    }

    private void WriteTime(int column, DateTimeOffset? time)
    {
        Separator(column);
        var start = _length;
        if (time is { } t)
        {
            t.UtcDateTime.TryFormat(Room(32), out var written, WireNames.TimestampFormat, CultureInfo.InvariantCulture);
            _length += written;
        }
        Mark(column, start);
    }

    private void Separator(int column)
    {
        if (column > 0)
            WriteByte((byte)'\t');
    }

    private void WriteByte(byte value)
    {
        Room(1)[0] = value;
        _length++;
    }

    private void Mark(int column, int start)
    {
        _start[column] = start;
        _end[column] = _length;
    }

    /// <summary>At least <paramref name="bytes"/> free bytes at the end of the line, growing the buffer if needed.</summary>
    private Span<byte> Room(int bytes)
    {
        if (_length + bytes > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + bytes));
        return _buffer.AsSpan(_length);
    }
}
