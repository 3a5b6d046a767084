namespace Mailroom.Edge.Core.Commands;

/// <summary><c>replay</c>: publish again the events with <c>seq</c> in <see cref="FromSeq"/>..<see cref="ToSeq"/> (inclusive).</summary>
public sealed record ReplayArguments(long FromSeq, long ToSeq) : CommandArguments
{
    /// <summary>One replay asks for at most this many events, so one command cannot flood the uplink.</summary>
    public const long MaxSpan = 10_000;
}
