using System.Text.Json.Serialization;

namespace Mailroom.Edge.Host.Cli;

/// <summary>Source-generated JSON for the command line's output (lower-case property names).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(DecodedFrame))]
internal sealed partial class CliJson : JsonSerializerContext;
