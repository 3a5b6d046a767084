using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Mailroom.Edge.Ctl.Clips;

/// <summary>
/// Collects one clip's delivery messages — <c>manifest</c> and <c>chunk/{n}</c>, in any order, duplicates tolerated —
/// and yields the file once every chunk is there and its size and SHA-256 match the manifest (docs/video.md, "Delivery").
/// </summary>
internal sealed class ClipAssembly
{
    private readonly Dictionary<int, byte[]> _chunks = [];
    private long _size = -1;
    private int _chunkCount;
    private string _sha256 = "";

    public string Sha256 => _sha256;

    /// <summary>Takes one message (the part after <c>clip/{id}/</c>); returns the verified bytes once complete.</summary>
    /// <exception cref="InvalidDataException">The parts are complete but do not hash to the manifest's SHA-256.</exception>
    public byte[]? Add(string part, byte[] payload)
    {
        if (part == "manifest")
            ReadManifest(payload);
        else if (part.StartsWith("chunk/", StringComparison.Ordinal)
                 && int.TryParse(part["chunk/".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            _chunks[index] = payload;
        else
            return null;
        if (_size < 0 || Enumerable.Range(0, _chunkCount).Any(i => !_chunks.ContainsKey(i)))
            return null;
        var bytes = Enumerable.Range(0, _chunkCount).SelectMany(i => _chunks[i]).ToArray();
        var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (bytes.Length != _size || actual != _sha256)
            throw new InvalidDataException($"reassembled {bytes.Length} bytes with sha256 {actual}; the manifest says {_size} bytes, {_sha256}");
        return bytes;
    }

    private void ReadManifest(byte[] payload)
    {
        using var manifest = JsonDocument.Parse(payload);
        var root = manifest.RootElement;
        var sha256 = root.GetProperty("sha256").GetString() ?? "";
        // Another clip content under this id (it cannot happen, but never mix two files): start over.
        if (_sha256.Length > 0 && sha256 != _sha256)
            _chunks.Clear();
        _sha256 = sha256;
        _size = root.GetProperty("size").GetInt64();
        _chunkCount = root.GetProperty("chunks").GetInt32();
    }
}
