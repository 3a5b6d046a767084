using System.CommandLine;
using System.Text.Json;
using Mailroom.Edge.Core.Readers.Wiegand;

namespace Mailroom.Edge.Host.Cli;

/// <summary><c>mailroom-edge wiegand decode BITS [--format NAME]</c>: decode a frame typed as 0s and 1s.</summary>
internal static class WiegandCommand
{
    public static Command Create()
    {
        var bitsArgument = new Argument<string>("bits") { Description = "The frame as 0s and 1s, first bit sent first" };
        var formatOption = new Option<string?>("--format") { Description = "Card format name (default: every format that matches)" };
        var decode = new Command("decode", "Decode a Wiegand frame and print it as JSON");
        decode.Arguments.Add(bitsArgument);
        decode.Options.Add(formatOption);
        decode.SetAction(parse => Decode(parse.GetValue(bitsArgument)!, parse.GetValue(formatOption)));

        var command = new Command("wiegand", "Wiegand tools for installers");
        command.Subcommands.Add(decode);
        return command;
    }

    private static int Decode(string text, string? formatName)
    {
        if (!WiegandBits.TryParse(text, out var bits, out var parseError))
            return Fail(parseError);
        IReadOnlyList<CardFormat> formats;
        if (formatName is null)
        {
            formats = CardFormats.All;
        }
        else if (CardFormats.Find(formatName) is { } format)
        {
            formats = [format];
        }
        else
        {
            return Fail($"unknown format '{formatName}'; known formats: {string.Join(", ", CardFormats.All.Select(f => f.Name))}");
        }

        var errors = new List<string>();
        var matched = 0;
        foreach (var format in formats)
        {
            var result = CardFormatCodec.Decode(bits, format);
            if (!result.IsOk)
            {
                errors.Add(result.Error!);
                continue;
            }
            matched++;
            Console.WriteLine(JsonSerializer.Serialize(new DecodedFrame(bits.Length, format.Name, result.Credential!.Facility, result.Credential.Number, "ok"), CliJson.Default.DecodedFrame));
        }
        return matched > 0 ? ExitCodes.Ok : Fail(string.Join("; ", errors));
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"wiegand decode: {message}");
        return ExitCodes.Failed;
    }
}
