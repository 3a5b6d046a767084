using Mailroom.Edge.Storage.Credentials;
using Microsoft.Win32.SafeHandles;

namespace Mailroom.Edge.Storage.SyncProtocol;

/// <summary>
/// The queue between the MQTT connection and the sync loop. libmosquitto acknowledges a QoS 1 message before the agent
/// sees it, so a sync message can be neither refused nor held back: it must be kept. Up to <see cref="MemoryBudget"/>
/// bytes wait in memory; beyond that every message is appended to a spool file (a 4-byte little-endian length, then
/// the payload) and read back in arrival order, so a snapshot arriving faster than it is applied costs disk, not RAM.
/// Once the file has something in it, new messages go behind it until the reader has caught up, which keeps the order;
/// then the file is truncated. The file holds nothing worth a restart (a snapshot in progress is rebuilt from chunk 0
/// anyway), so it is emptied when opened and deleted on dispose.
/// <para>Thread-safe: one writer (the MQTT side) and one reader (the sync loop).</para>
/// </summary>
public sealed class CredentialSyncSpool : IDisposable
{
    private const int LengthBytes = sizeof(int);

    private readonly Lock _gate = new();
    private readonly Queue<byte[]> _memory = new();
    private readonly SemaphoreSlim _available = new(0);
    private readonly SafeFileHandle _file;
    private readonly string _path;
    private byte[] _readBuffer = [];
    private long _memoryBytes;
    private long _writeOffset;
    private long _readOffset;
    private int _fileRecords;
    private bool _disposed;

    public CredentialSyncSpool(string path, long memoryBudget)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(memoryBudget);
        _path = Path.GetFullPath(path);
        MemoryBudget = memoryBudget;
        _file = File.OpenHandle(_path, FileMode.Create, FileAccess.ReadWrite, FileShare.None);
    }

    /// <summary>The most payload bytes held in memory; the rest waits in the file.</summary>
    public long MemoryBudget { get; }

    /// <summary>Messages waiting (in memory and in the file).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
                return _memory.Count + _fileRecords;
        }
    }

    /// <summary>Payload bytes waiting in memory now (never above <see cref="MemoryBudget"/>).</summary>
    public long MemoryBytes
    {
        get
        {
            lock (_gate)
                return _memoryBytes;
        }
    }

    /// <summary>The highest <see cref="MemoryBytes"/> has been (for tests and status).</summary>
    public long PeakMemoryBytes { get; private set; }

    /// <summary>Messages that went through the file so far.</summary>
    public long Spilled { get; private set; }

    /// <summary>Keeps <paramref name="payload"/> (the array itself while it fits in memory, so the caller must not
    /// change it afterwards).</summary>
    public void Enqueue(byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_fileRecords == 0 && _memoryBytes + payload.Length <= MemoryBudget)
            {
                _memory.Enqueue(payload);
                _memoryBytes += payload.Length;
                PeakMemoryBytes = Math.Max(PeakMemoryBytes, _memoryBytes);
            }
            else
            {
                Span<byte> length = stackalloc byte[LengthBytes];
                System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(length, payload.Length);
                RandomAccess.Write(_file, length, _writeOffset);
                RandomAccess.Write(_file, payload, _writeOffset + LengthBytes);
                _writeOffset += LengthBytes + payload.Length;
                _fileRecords++;
                Spilled++;
            }
        }
        _available.Release();
    }

    /// <summary>Waits for the next message (cancel the token to stop waiting).</summary>
    /// <returns>The payload, valid until the next call (a message read from the file lives in a reused buffer).</returns>
    public async ValueTask<ReadOnlyMemory<byte>> DequeueAsync(CancellationToken cancellationToken)
    {
        await _available.WaitAsync(cancellationToken).ConfigureAwait(false);
        return Take();
    }

    /// <summary>The next message without waiting, or null when none is queued.</summary>
    public ReadOnlyMemory<byte>? TryDequeue() => _available.Wait(0) ? Take() : default(ReadOnlyMemory<byte>?);

    private ReadOnlyMemory<byte> Take()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_memory.TryDequeue(out var payload))
            {
                _memoryBytes -= payload.Length;
                return payload;
            }
            Span<byte> length = stackalloc byte[LengthBytes];
            RandomAccess.Read(_file, length, _readOffset);
            var size = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(length);
            if (_readBuffer.Length < size)
                _readBuffer = new byte[size];
            var read = 0;
            while (read < size)
                read += RandomAccess.Read(_file, _readBuffer.AsSpan(read, size - read), _readOffset + LengthBytes + read);
            _readOffset += LengthBytes + size;
            if (--_fileRecords == 0)
            {
                // Caught up: start the file over, so it never grows beyond one burst of messages.
                RandomAccess.SetLength(_file, 0);
                _readOffset = _writeOffset = 0;
            }
            return _readBuffer.AsMemory(0, size);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
            _memory.Clear();
            _file.Dispose();
            File.Delete(_path);
        }
        _available.Dispose();
    }
}
