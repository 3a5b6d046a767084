using System.CommandLine;
using System.Text.Json;
using Mailroom.Edge.Core.Readers.Wiegand;

namespace Mailroom.Edge.Host.Cli;

/// <summary>
/// <c>mailroom-edge wiegand decode BITS [--format NAME]</c>: decode a frame typed as 0s and 1s, one JSON line per
/// matching format; <c>mailroom-edge wiegand encode --format NAME --facility F --number N</c>: print the frame a reader
/// would send for a card. Formats are the shipped ones (docs/card-formats.md); <c>Raw</c> is only used when named.
/// </summary>
internal static class WiegandVerb
{
    public static Command Create()
    {
        var bitsArgument = new Argument<string>("bits") { Description = "The frame as 0s and 1s, first bit sent first" };
        var formatOption = new Option<string?>("--format") { Description = "Card format name (default: every format that matches)" };
        var decode = new Command("decode", "Decode a Wiegand frame and print it as JSON");
        decode.Arguments.Add(bitsArgument);
        decode.Options.Add(formatOption);
        decode.SetAction(parse => Decode(parse.GetValue(bitsArgument)!, parse.GetValue(formatOption)));

        var encodeFormat = new Option<string>("--format") { Description = "Card format name, e.g. H10301", Required = true };
        var facilityOption = new Option<uint?>("--facility") { Description = "Facility (site/company) code; omit for formats without one" };
        var numberOption = new Option<ulong>("--number") { Description = "Card number", Required = true };
        var encode = new Command("encode", "Print the Wiegand frame for a card, parity bits computed");
        encode.Options.Add(encodeFormat);
        encode.Options.Add(facilityOption);
        encode.Options.Add(numberOption);
        encode.SetAction(parse => Encode(parse.GetValue(encodeFormat)!, parse.GetValue(facilityOption), parse.GetValue(numberOption)));

        var command = new Command("wiegand", "Wiegand tools for installers");
        command.Subcommands.Add(decode);
        command.Subcommands.Add(encode);

        var readerOption = new Option<string>("--reader") { Description = "Configured reader name", Required = true };
        var watch = new Command("watch", "Print each frame of a configured reader live, with its timing and decode");
        watch.Options.Add(readerOption);
        watch.Options.Add(CommonOptions.Config);
        watch.Options.Add(CommonOptions.Set);
        watch.SetAction(async (parse, cancellationToken) => VerbConfiguration.TryLoad(parse) is { } options
            ? await WiegandWatch.RunAsync(options, parse.GetValue(readerOption)!, Console.Out, cancellationToken)
            : ExitCodes.BadConfiguration);
        command.Subcommands.Add(watch);
        return command;
    }

    private static int Decode(string text, string? formatName)
    {
        if (!WiegandBits.TryParse(text, out var bits, out var parseError))
            return Fail("decode", parseError);
        IReadOnlyList<CardFormat> formats;
        if (formatName is null)
            formats = CardFormats.All.Where(f => !f.AnyLength).ToList();
        else if (CardFormats.Find(formatName) is { } format)
            formats = [format];
        else
            return Fail("decode", UnknownFormat(formatName));

        var errors = new List<string>();
        var matched = 0;
        foreach (var format in formats)
        {
            var result = CardFormatCodec.Decode(bits, format);
            if (!result.IsOk)
            {
                if (result.Status != CardDecodeStatus.LengthMismatch || formats.Count == 1)
                    errors.Add(result.Error!);
                continue;
            }
            matched++;
            var credential = result.Credential!;
            var parity = format.Parity.Count == 0 || format.AnyLength ? "none" : "ok";
            Console.WriteLine(JsonSerializer.Serialize(
                new DecodedFrame(bits.Length, credential.Format, credential.Facility, credential.Number, parity), CliJson.Default.DecodedFrame));
        }
        if (matched > 0)
            return ExitCodes.Ok;
        return Fail("decode", errors.Count > 0 ? string.Join("; ", errors) : $"no shipped format has {bits.Length} bits (try --format Raw)");
    }

    private static int Encode(string formatName, uint? facility, ulong number)
    {
        if (CardFormats.Find(formatName) is not { } format)
            return Fail("encode", UnknownFormat(formatName));
        if (format.AnyLength)
            return Fail("encode", $"{format.Name} takes any length; name one, e.g. Raw26");
        if (format.Facility is not null && facility is null)
            return Fail("encode", $"{format.Name} has a facility code: give --facility");
        try
        {
            Console.WriteLine(CardFormatCodec.Encode(format, facility, number).ToString());
            return ExitCodes.Ok;
        }
        catch (ArgumentOutOfRangeException e)
        {
            return Fail("encode", e.Message.Split(" (Parameter", 2)[0]);
        }
    }

    private static string UnknownFormat(string name) =>
        $"unknown format '{name}'; known formats: {string.Join(", ", CardFormats.All.Select(f => f.Name))}, Raw<n>";

    private static int Fail(string verb, string message)
    {
        Console.Error.WriteLine($"wiegand {verb}: {message}");
        return ExitCodes.Failed;
    }
}
