using System.CommandLine;
using System.Text.Json.Nodes;

namespace Mailroom.Edge.Ctl.Signing;

/// <summary>
/// One command name as a verb: its own options and how they become the command's <c>args</c>. <see cref="VerbName"/>
/// names the verb when it differs from the command (<c>clip ack</c> sends a <c>clip</c> command).
/// </summary>
internal sealed record CommandVerb(string Name, string Description, IReadOnlyList<Option> Options, Func<ParseResult, JsonObject> Args, string? VerbName = null);
