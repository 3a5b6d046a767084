using System.Text.Json;

namespace Mailroom.Edge.Ctl.Sending;

/// <summary>Prints a <c>command.result</c> for a person and maps it to an exit code.</summary>
internal static class ResultPrinter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static int Print(JsonElement result, TextWriter output)
    {
        var status = result.GetProperty("result").GetString();
        var reason = result.TryGetProperty("reason", out var r) ? $" ({r.GetString()})" : "";
        var detail = result.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? $": {d.GetString()}" : "";
        output.WriteLine($"{result.GetProperty("device").GetString()}: {status}{reason}{detail}");
        if (result.TryGetProperty("data", out var data))
            output.WriteLine(JsonSerializer.Serialize(data, Indented));
        return status switch
        {
            "accepted" => CtlExitCodes.Accepted,
            "rejected" => CtlExitCodes.Rejected,
            _ => CtlExitCodes.Failed,
        };
    }
}
