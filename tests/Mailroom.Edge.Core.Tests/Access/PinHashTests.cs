using Mailroom.Edge.Core.Access;
using Xunit;

namespace Mailroom.Edge.Core.Tests.Access;

public sealed class PinHashTests
{
    [Fact]
    public void A_hash_verifies_its_pin_only_and_never_contains_it()
    {
        var hash = PinHash.Hash("482913", 1000);

        Assert.StartsWith("pbkdf2-sha256$1000$", hash, StringComparison.Ordinal);
        Assert.DoesNotContain("482913", hash, StringComparison.Ordinal);
        Assert.True(PinHash.Verify("482913", hash));
        Assert.False(PinHash.Verify("482914", hash));
    }

    [Fact]
    public void Equal_pins_get_different_salts()
    {
        Assert.NotEqual(PinHash.Hash("1234", 1000), PinHash.Hash("1234", 1000));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1234")]
    [InlineData("md5$1$AA==$AA==")]
    [InlineData("pbkdf2-sha256$x$AA==$AA==")]
    [InlineData("pbkdf2-sha256$10$not base64$AA==")]
    public void Malformed_stored_hashes_never_verify(string? stored)
    {
        Assert.False(PinHash.Verify("1234", stored));
    }
}
