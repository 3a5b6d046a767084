using System.Security.Cryptography;
using System.Text;
using Mailroom.Edge.Core.Commands;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Testing;
using Mailroom.Edge.Testing.Commands;
using Xunit;

namespace Mailroom.Edge.Core.Tests.Commands;

public sealed class CommandEnvelopeParserTests : IDisposable
{
    private static readonly DeviceIdentity Device = new("hq", "mailroom-1");
    private readonly CommandTestKeys _keys = new();
    private readonly ManualTimeProvider _time = new(DateTimeOffset.UtcNow);

    private CommandVerifier Verifier(bool synchronised = true) =>
        new(_keys.Ring(), Device, new CommandPolicy(), new Clock(synchronised), _time);

    private HostileCommandFactory Factory => new(Device, _keys, _time, 8192);

    [Fact]
    public void TheSignatureCoversTheBytesAsSentWhateverTheirFormatting()
    {
        // Hand-written with spaces, newlines and a different key order: what was signed is what is verified.
        var now = _time.GetUtcNow();
        var command = $$"""
            { "name": "unlock", "v": 1, "id": "abc-1", "site": "hq", "device": "mailroom-1",
              "issuer": "ops", "counter": 7, "expires_at": "{{WireNames.Timestamp(now.AddMinutes(1))}}",
              "issued_at": "{{WireNames.Timestamp(now)}}", "args": { "door": "front" } }
            """;
        var bytes = Encoding.UTF8.GetBytes(command);
        var envelope = CommandSigner.Envelope(bytes, CommandSigner.Sign(bytes, _keys.OperatorKey));

        var parsed = CommandEnvelopeParser.Parse(envelope, 8192);

        Assert.NotNull(parsed.Command);
        Assert.Equal(bytes, parsed.Command.SignedBytes.ToArray());
        Assert.Equal(new UnlockArguments(new Mailroom.Edge.Core.Doors.DoorId("front"), null), parsed.Command.Arguments);
        Assert.Null(Verifier().Verify(parsed.Command));
    }

    [Fact]
    public void ReformattingSignedBytesBreaksTheSignature()
    {
        var envelope = Encoding.UTF8.GetString(Factory.Sign(Factory.Draft(CommandNames.Unlock, 1)));
        var reformatted = Encoding.UTF8.GetBytes(envelope.Replace("\"v\":1,", "\"v\": 1,", StringComparison.Ordinal));
        var parsed = CommandEnvelopeParser.Parse(reformatted, 8192);
        Assert.Equal(CommandReason.BadSignature, Verifier().Verify(parsed.Command!)!.Reason);
    }

    [Theory]
    [InlineData("{\"command\":{},\"command\":{}}", CommandReason.Malformed)]
    [InlineData("{\"command\":{}, \"sig\":\"\", \"extra\":1}", CommandReason.Malformed)]
    [InlineData("{\"sig\":\"AAAA\"}", CommandReason.Malformed)]
    [InlineData("{\"command\":[],\"sig\":\"\"}", CommandReason.Malformed)]
    [InlineData("{\"command\":{\"v\":1}} trailing", CommandReason.Malformed)]
    [InlineData("{\"command\":{\"a\":{\"b\":{\"c\":{}}}}}", CommandReason.Malformed)]
    [InlineData("", CommandReason.Malformed)]
    [InlineData("null", CommandReason.Malformed)]
    [InlineData("{\"command\":{/*x*/}}", CommandReason.Malformed)]
    public void BadEnvelopesAreRefusedWithoutThrowing(string payload, CommandReason reason) =>
        Assert.Equal(reason, CommandEnvelopeParser.Parse(Encoding.UTF8.GetBytes(payload), 8192).Reason);

    [Fact]
    public void DuplicateFieldsInsideTheCommandAreRefused()
    {
        var envelope = Encoding.UTF8.GetString(Factory.Sign(Factory.Draft(CommandNames.Unlock, 1)));
        var duplicated = envelope.Replace("\"args\":{\"door\":\"front\"}", "\"args\":{\"door\":\"front\",\"door\":\"back\"}", StringComparison.Ordinal);
        var parsed = CommandEnvelopeParser.Parse(Encoding.UTF8.GetBytes(duplicated), 8192);
        Assert.Equal(CommandReason.InvalidArguments, parsed.Reason);
        Assert.NotNull(parsed.CommandId);
    }

    [Fact]
    public void SizeIsCheckedBeforeParsing()
    {
        var huge = new byte[9000];
        Assert.Equal(CommandReason.TooLarge, CommandEnvelopeParser.Parse(huge, 8192).Reason);
    }

    [Fact]
    public void KeysOnOtherCurvesAreRefusedAtLoad()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var rsa = RSA.Create(2048);
        Assert.Throws<ArgumentException>(() => CommandKeyRing.ImportPublicKey(Convert.ToBase64String(p384.ExportSubjectPublicKeyInfo())));
        Assert.Throws<ArgumentException>(() => CommandKeyRing.ImportPublicKey(rsa.ExportSubjectPublicKeyInfoPem()));
        Assert.Throws<ArgumentException>(() => CommandKeyRing.ImportPublicKey("not base64!"));
    }

    [Fact]
    public void UnsynchronisedClockStillRefusesExpiredButNotFutureIssued()
    {
        var now = _time.GetUtcNow();
        var future = CommandEnvelopeParser.Parse(Factory.Sign(Factory.Draft(CommandNames.Unlock, 1) with { IssuedAt = now.AddDays(2), ExpiresAt = now.AddDays(2).AddMinutes(1) }), 8192).Command!;
        Assert.Equal(CommandReason.NotYetValid, Verifier(synchronised: true).Verify(future)!.Reason);
        Assert.Null(Verifier(synchronised: false).Verify(future));
        var expired = CommandEnvelopeParser.Parse(Factory.Sign(Factory.Draft(CommandNames.Unlock, 1) with { IssuedAt = now.AddMinutes(-2), ExpiresAt = now.AddMinutes(-1) }), 8192).Command!;
        Assert.Equal(CommandReason.Expired, Verifier(synchronised: false).Verify(expired)!.Reason);
    }

    [Fact]
    public void RefusalMonitorAlarmsOncePerWindow()
    {
        var monitor = new RefusalMonitor(3, TimeSpan.FromMinutes(1), _time);
        Assert.Null(monitor.Record());
        Assert.Null(monitor.Record());
        Assert.Equal(3, monitor.Record());
        Assert.Null(monitor.Record());
        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(monitor.Record());
        Assert.Null(monitor.Record());
        Assert.Equal(3, monitor.Record());
    }

    public void Dispose() => _keys.Dispose();

    private sealed class Clock(bool synchronised) : IClockSync
    {
        public bool IsSynchronised => synchronised;
    }
}
