using System.Text.Json;
using Mailroom.Edge.Core.Readers.Osdp;
using Xunit;

namespace Mailroom.Edge.Core.Tests.Readers.Osdp;

public sealed class OsdpSecureChannelCryptoTests
{
    [Fact]
    public void A_session_on_the_default_key_matches_the_specifications_worked_example()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Readers", "Osdp", "Vectors", "annex-e-vectors.json")));
        var e = json.RootElement.GetProperty("secure_channel_scbk_d");
        byte[] Hex(string name) => Convert.FromHexString(e.GetProperty(name).GetString()!);
        Assert.Equal(Hex("scbk_d"), OsdpSecureChannelCrypto.DefaultBaseKey.ToArray());
        var (rndA, rndB) = (Hex("cp_random_rnd_a"), Hex("pd_random_rnd_b"));

        var keys = OsdpSecureChannelCrypto.DeriveSessionKeys(Hex("scbk_d"), rndA);

        Assert.Equal(Hex("s_enc"), keys.Encryption);
        Assert.Equal(Hex("s_mac1"), keys.Mac1);
        Assert.Equal(Hex("s_mac2"), keys.Mac2);
        Assert.Equal(Hex("pd_client_cryptogram_in_ccrypt"), OsdpSecureChannelCrypto.ClientCryptogram(keys, rndA, rndB));
        var server = OsdpSecureChannelCrypto.ServerCryptogram(keys, rndA, rndB);
        Assert.Equal(Hex("cp_server_cryptogram_in_scrypt"), server);
        Assert.Equal(Hex("initial_rmac_in_rmac_i"), OsdpSecureChannelCrypto.InitialReplyMac(keys, server));
    }

    /// <summary>
    /// Every handshake of each capture (the install capture's first one fails on purpose: a reader with no key yet
    /// answered with the all-zero key, and the panel starts again on SCBK-D), then the first command and reply after it,
    /// whose MAC chain starts from the handshake's R-MAC. Later frames are only first occurrences in the captures, so their
    /// chains cannot be followed. The install capture's first command is the encrypted KEYSET and the next session's
    /// first reply an encrypted card read, so encryption is checked both ways.
    /// </summary>
    [Theory]
    [InlineData("sc.txt", 1, 0, false)]
    [InlineData("enforce.txt", 1, 0, false)]
    [InlineData("install.txt", 2, 1, true)]
    public void Captured_sessions_verify_handshake_and_first_exchange(string file, int handshakes, int refused, bool encrypted)
    {
        var baseKey = GoldenFrame.BaseKey(file);
        OsdpSessionKeys? keys = null;
        byte[] rndA = [], rndB = [], lastReplyMac = [], lastCommandMac = [];
        var (verified, mismatched, macs, plaintexts) = (0, 0, 0, 0);
        var following = 0;
        foreach (var golden in GoldenFrame.All().Where(f => f.File == file && f.SecurityType is not null))
        {
            var frame = OsdpFrameCodec.Decode(golden.Bytes.AsSpan(1), out _)!;
            switch (frame.SecurityType)
            {
                case OsdpSecurityBlock.BeginSession:
                    rndA = frame.Data;
                    following = 0;
                    break;
                case OsdpSecurityBlock.ClientCryptogram:
                    rndB = frame.Data[8..16];
                    keys = OsdpSecureChannelCrypto.DeriveSessionKeys(frame.SecurityData is [0] ? OsdpSecureChannelCrypto.DefaultBaseKey : baseKey, rndA);
                    if (frame.Data.AsSpan(16, 16).SequenceEqual(OsdpSecureChannelCrypto.ClientCryptogram(keys, rndA, rndB)))
                        verified++;
                    else
                        mismatched++;
                    break;
                case OsdpSecurityBlock.ServerCryptogram:
                    Assert.Equal(frame.Data, OsdpSecureChannelCrypto.ServerCryptogram(keys!, rndA, rndB));
                    break;
                case OsdpSecurityBlock.InitialRMac:
                    lastReplyMac = OsdpSecureChannelCrypto.InitialReplyMac(keys!, OsdpSecureChannelCrypto.ServerCryptogram(keys!, rndA, rndB));
                    Assert.Equal(frame.Data, lastReplyMac);
                    following = 2;
                    break;
                default:
                    if (following-- <= 0)
                        break;
                    var packet = golden.Bytes.AsSpan(1);
                    var previous = frame.IsReply ? lastCommandMac : lastReplyMac;
                    var mac = OsdpSecureChannelCrypto.Mac(keys!, packet[..^((frame.UseCrc ? 2 : 1) + 4)], previous);
                    Assert.Equal(frame.Mac, mac[..4]);
                    macs++;
                    if (frame.SecurityType is OsdpSecurityBlock.CommandMacEncryptedData or OsdpSecurityBlock.ReplyMacEncryptedData)
                    {
                        Assert.Equal(golden.Plaintext, OsdpSecureChannelCrypto.Decrypt(keys!, frame.Data, previous));
                        Assert.Equal(frame.Data, OsdpSecureChannelCrypto.Encrypt(keys!, golden.Plaintext!, previous));
                        plaintexts++;
                    }
                    if (frame.IsReply)
                        lastReplyMac = mac;
                    else
                        lastCommandMac = mac;
                    break;
            }
        }
        Assert.Equal((handshakes, refused), (verified, mismatched));
        Assert.Equal(2 * handshakes, macs);
        Assert.True(encrypted ? plaintexts >= 2 : plaintexts == 0, $"{plaintexts} encrypted frames checked");
    }

    [Fact]
    public void Ciphertext_with_bad_padding_is_refused_not_returned()
    {
        var keys = OsdpSecureChannelCrypto.DeriveSessionKeys(OsdpSecureChannelCrypto.DefaultBaseKey, new byte[8]);
        var iv = new byte[16];
        var ciphertext = OsdpSecureChannelCrypto.Encrypt(keys, [1, 2, 3], iv);
        ciphertext[^1] ^= 0xFF;

        Assert.Null(OsdpSecureChannelCrypto.Decrypt(keys, ciphertext, iv));
        Assert.Null(OsdpSecureChannelCrypto.Decrypt(keys, ciphertext.AsSpan(0, 15), iv));
    }
}
