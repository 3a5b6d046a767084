using System.Collections.Concurrent;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Wiegand;

namespace Mailroom.Edge.Host.Health;

/// <summary>Every reader's installer diagnostics, shared by the reader loops (which feed them) and the health report.</summary>
public sealed class ReaderDiagnosticsRegistry(TimeProvider time)
{
    private readonly ConcurrentDictionary<ReaderId, ReaderDiagnostics> _readers = new();

    public ReaderDiagnostics For(ReaderId reader) => _readers.GetOrAdd(reader, _ => new ReaderDiagnostics(time));

    public IReadOnlyDictionary<ReaderId, ReaderDiagnostics> All => _readers;
}
