using System.Security.Cryptography;
using Mailroom.Edge.Core.Events;

namespace Mailroom.Edge.Core.Commands;

/// <summary>
/// Decides whether a parsed command carries authority, without side effects: a known, unrevoked key; a valid ECDSA
/// P-256/SHA-256 signature over the exact <c>command</c> bytes; this device; a bounded lifetime; and, when the clock
/// can be trusted, not before <c>issued_at</c> (less skew) and before <c>expires_at</c>. Replay (id, counter) and
/// freshness need state and live in <see cref="CommandProcessor"/>.
/// </summary>
public sealed class CommandVerifier(CommandKeyRing keys, DeviceIdentity device, CommandPolicy policy, IClockSync clock, TimeProvider time)
{
    public CommandOutcome? Verify(SignedCommand command)
    {
        if (keys.Find(command.Issuer) is not { } key)
            return CommandOutcome.Rejected(CommandReason.UnknownKey, $"no key named '{command.Issuer}' is configured");
        if (key.Revoked)
            return CommandOutcome.Rejected(CommandReason.RevokedKey, $"key '{command.Issuer}' is revoked");
        if (!key.PublicKey.VerifyData(command.SignedBytes.Span, command.Signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
            return CommandOutcome.Rejected(CommandReason.BadSignature, $"the signature does not match the command and key '{command.Issuer}'");
        if (command.Site != device.Site || command.Device != device.Device)
            return CommandOutcome.Rejected(CommandReason.WrongDevice, $"the command is for {command.Site}/{command.Device}, this is {device.Site}/{device.Device}");
        var lifetime = command.ExpiresAt - command.IssuedAt;
        if (lifetime <= TimeSpan.Zero || lifetime > policy.MaxLifetime)
            return CommandOutcome.Rejected(CommandReason.LifetimeTooLong, $"expires_at - issued_at must be within 0..{policy.MaxLifetime}");

        var now = time.GetUtcNow();
        // Without NTP a Pi's clock resumes from its last saved time, so it runs behind, never ahead: "already expired"
        // is still true, while "not yet valid" is not evidence of anything (docs/security.md, "Clock rule").
        if (now >= command.ExpiresAt)
            return CommandOutcome.Rejected(CommandReason.Expired, $"expired at {WireNames.Timestamp(command.ExpiresAt)}; agent time {WireNames.Timestamp(now)}");
        if (clock.IsSynchronised && command.IssuedAt - policy.ClockSkew > now)
            return CommandOutcome.Rejected(CommandReason.NotYetValid, $"issued at {WireNames.Timestamp(command.IssuedAt)}, after agent time {WireNames.Timestamp(now)} + {policy.ClockSkew}");
        return null;
    }
}
