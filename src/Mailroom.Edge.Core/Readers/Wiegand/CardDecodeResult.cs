namespace Mailroom.Edge.Core.Readers.Wiegand;

/// <summary>A decoded card, or why the frame does not fit the format.</summary>
public sealed record CardDecodeResult(CardDecodeStatus Status, CardCredential? Credential, string? Error)
{
    public bool IsOk => Status == CardDecodeStatus.Ok;
}
