using System.Runtime.Versioning;
using Mailroom.Edge.Host.Osdp;
using Mailroom.Edge.Testing;
using Xunit;

namespace Mailroom.Edge.Host.Tests.Osdp;

/// <summary>The readers' key file: only the service user reads it, a key is on disk before a reader gets it, and a file
/// that cannot be read is never rewritten (it holds the other readers' keys).</summary>
[SupportedOSPlatform("linux")]
public sealed class OsdpKeyFileTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly TempDirectory _directory = new("osdp-keys");
    private readonly byte[] _key = Convert.FromHexString("00112233445566778899AABBCCDDEEFF");

    private string Path => _directory.File(OsdpKeyFile.FileName);

    [Fact]
    public void A_saved_key_is_found_again_by_a_new_reader_of_the_file_which_only_its_owner_can_read()
    {
        new OsdpKeyFile(Path).Save("entry", _key);
        new OsdpKeyFile(Path).Save("exit", new byte[16]);

        var file = new OsdpKeyFile(Path);
        Assert.Equal(_key, file.Find("entry"));
        Assert.Equal(new byte[16], file.Find("exit"));
        Assert.Null(file.Find("lobby"));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(Path));
        Assert.Null(file.Problem);
    }

    [Fact]
    public void A_file_others_could_read_is_closed_up_before_a_key_is_used()
    {
        new OsdpKeyFile(Path).Save("entry", _key);
        File.SetUnixFileMode(Path, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        Assert.Equal(_key, new OsdpKeyFile(Path).Find("entry"));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(Path));
    }

    [Fact]
    public void A_damaged_file_gives_no_key_says_why_and_is_never_overwritten()
    {
        File.WriteAllText(Path, "{ \"keys\": { \"entry\": ");
        var file = new OsdpKeyFile(Path);

        Assert.Null(file.Find("entry"));
        Assert.Contains(OsdpKeyFile.FileName, file.Problem);
        Assert.Throws<IOException>(() => file.Save("exit", _key));
        Assert.Equal("{ \"keys\": { \"entry\": ", File.ReadAllText(Path));
    }

    [Fact]
    public void A_key_that_is_not_16_bytes_of_hex_is_no_key()
    {
        File.WriteAllText(Path, "{ \"keys\": { \"short\": \"0011\", \"text\": \"not hex at all, not hex at all!!\" } }");

        Assert.Null(new OsdpKeyFile(Path).Find("short"));
        Assert.Null(new OsdpKeyFile(Path).Find("text"));
    }

    public void Dispose() => _directory.Dispose();
}
