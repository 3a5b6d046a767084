namespace Mailroom.Edge.Core.Commands;

/// <summary><c>clip</c> with <c>"action":"resend"</c>: send clip <see cref="ClipId"/> again from byte <see cref="FromOffset"/> (0 = all of it).</summary>
public sealed record ClipResendArguments(string ClipId, long FromOffset) : CommandArguments;
