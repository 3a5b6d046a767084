using System.Security.Cryptography;

namespace Mailroom.Edge.Core.Readers.Osdp;

/// <summary>
/// The Secure Channel's cryptography (SIA OSDP v2.2, Annex D): session keys from the base key SCBK and the panel's
/// random RND.A; the client (reader) and server (panel) cryptograms; the initial reply MAC; the MAC of each message
/// (AES CBC-MAC: S-MAC1 for every block but the last, S-MAC2 for the last, chained from the other side's previous MAC);
/// and the encryption of a message's data (AES-CBC with S-ENC, the IV the complement of that previous MAC). Data is
/// padded with 0x80 then zeros to whole blocks.
/// </summary>
public static class OsdpSecureChannelCrypto
{
    public const int BlockSize = 16;

    /// <summary>The default base key SCBK-D a reader in install mode uses (the ASCII bytes 0x30 to 0x3F).</summary>
    public static ReadOnlySpan<byte> DefaultBaseKey => "0123456789:;<=>?"u8;

    public static OsdpSessionKeys DeriveSessionKeys(ReadOnlySpan<byte> baseKey, ReadOnlySpan<byte> panelRandom)
    {
        using var aes = Aes(baseKey);
        return new OsdpSessionKeys(Derive(aes, 0x82, panelRandom), Derive(aes, 0x01, panelRandom), Derive(aes, 0x02, panelRandom));
    }

    /// <summary>The reader's proof that it holds the key: AES(S-ENC, RND.A ‖ RND.B).</summary>
    public static byte[] ClientCryptogram(OsdpSessionKeys keys, ReadOnlySpan<byte> panelRandom, ReadOnlySpan<byte> readerRandom) =>
        Cryptogram(keys, panelRandom, readerRandom);

    /// <summary>The panel's proof: AES(S-ENC, RND.B ‖ RND.A).</summary>
    public static byte[] ServerCryptogram(OsdpSessionKeys keys, ReadOnlySpan<byte> panelRandom, ReadOnlySpan<byte> readerRandom) =>
        Cryptogram(keys, readerRandom, panelRandom);

    /// <summary>The first reply MAC, which the reader sends to finish the handshake: AES(S-MAC2, AES(S-MAC1, server cryptogram)).</summary>
    public static byte[] InitialReplyMac(OsdpSessionKeys keys, ReadOnlySpan<byte> serverCryptogram)
    {
        using var mac1 = Aes(keys.Mac1);
        using var mac2 = Aes(keys.Mac2);
        return mac2.EncryptEcb(mac1.EncryptEcb(serverCryptogram, PaddingMode.None), PaddingMode.None);
    }

    /// <summary>The full 16-byte MAC of <paramref name="message"/> (the packet from SOM up to its data), chained from
    /// <paramref name="previousMac"/>; a packet carries its first 4 bytes.</summary>
    public static byte[] Mac(OsdpSessionKeys keys, ReadOnlySpan<byte> message, ReadOnlySpan<byte> previousMac)
    {
        var padded = message.Length % BlockSize == 0 ? message.ToArray() : Pad(message);
        using var mac1 = Aes(keys.Mac1);
        using var mac2 = Aes(keys.Mac2);
        var chain = previousMac.ToArray();
        var last = padded.Length - BlockSize;
        if (last > 0)
            chain = mac1.EncryptCbc(padded.AsSpan(0, last), chain, PaddingMode.None)[^BlockSize..];
        return mac2.EncryptCbc(padded.AsSpan(last), chain, PaddingMode.None);
    }

    public static byte[] Encrypt(OsdpSessionKeys keys, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> previousMac)
    {
        using var aes = Aes(keys.Encryption);
        return aes.EncryptCbc(Pad(plaintext), Complement(previousMac), PaddingMode.None);
    }

    /// <summary>The plaintext, or null when the ciphertext is not whole blocks or its padding is not 0x80 then zeros.</summary>
    public static byte[]? Decrypt(OsdpSessionKeys keys, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> previousMac)
    {
        if (ciphertext.Length == 0 || ciphertext.Length % BlockSize != 0)
            return null;
        using var aes = Aes(keys.Encryption);
        var padded = aes.DecryptCbc(ciphertext, Complement(previousMac), PaddingMode.None);
        var end = padded.AsSpan().LastIndexOfAnyExcept((byte)0);
        return end >= 0 && padded[end] == 0x80 ? padded[..end] : null;
    }

    private static byte[] Pad(ReadOnlySpan<byte> data)
    {
        var padded = new byte[(data.Length / BlockSize + 1) * BlockSize];
        data.CopyTo(padded);
        padded[data.Length] = 0x80;
        return padded;
    }

    private static byte[] Complement(ReadOnlySpan<byte> mac)
    {
        var iv = mac.ToArray();
        for (var i = 0; i < iv.Length; i++)
            iv[i] = (byte)~iv[i];
        return iv;
    }

    private static byte[] Derive(System.Security.Cryptography.Aes aes, byte kind, ReadOnlySpan<byte> panelRandom)
    {
        Span<byte> block = stackalloc byte[BlockSize];
        block.Clear();
        block[0] = 0x01;
        block[1] = kind;
        panelRandom[..6].CopyTo(block[2..]);
        return aes.EncryptEcb(block, PaddingMode.None);
    }

    private static byte[] Cryptogram(OsdpSessionKeys keys, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        Span<byte> block = stackalloc byte[BlockSize];
        first[..8].CopyTo(block);
        second[..8].CopyTo(block[8..]);
        using var aes = Aes(keys.Encryption);
        return aes.EncryptEcb(block, PaddingMode.None);
    }

    private static System.Security.Cryptography.Aes Aes(ReadOnlySpan<byte> key)
    {
        var aes = System.Security.Cryptography.Aes.Create();
        aes.Key = key.ToArray();
        return aes;
    }
}
