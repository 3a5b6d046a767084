using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Gpio.Linux.Interop;

namespace Mailroom.Edge.Gpio.Linux;

/// <summary>
/// Turns port settings into a <c>struct gpio_v2_line_request</c> without touching the kernel, so the bit layout is
/// testable on any machine. Lines sharing the same flags share one attribute; the flags of the first line become the
/// config's default flags, so the common "all lines alike" case uses no FLAGS attribute at all.
/// </summary>
internal static unsafe class LineRequestBuilder
{
    public static GpioV2LineRequest ForInputs(string consumer, IReadOnlyList<InputLineSettings> lines, int eventBufferSize)
    {
        if (eventBufferSize is < 1 or > GpioUapi.MaxEventBufferSize)
        {
            throw new ArgumentOutOfRangeException(nameof(eventBufferSize), eventBufferSize,
                $"event buffer size must be 1..{GpioUapi.MaxEventBufferSize} (the kernel's cap); size it for the longest burst, e.g. 2 edges per Wiegand bit.");
        }

        var request = Start(consumer, lines.Select(l => l.Offset).ToList());
        request.EventBufferSize = (uint)eventBufferSize;
        AddFlags(ref request.Config, lines.Select(InputFlags).ToList());
        var debounce = lines.Select(l => DebounceMicroseconds(l)).ToList();
        foreach (var period in debounce.Where(p => p > 0).Distinct())
        {
            var attribute = new GpioV2LineAttribute { Id = GpioV2LineAttributeId.Debounce, DebouncePeriodUs = period };
            AddAttribute(ref request.Config, attribute, MaskOf(debounce, p => p == period));
        }

        return request;
    }

    public static GpioV2LineRequest ForOutputs(string consumer, IReadOnlyList<OutputLineSettings> lines)
    {
        var request = Start(consumer, lines.Select(l => l.Offset).ToList());
        AddFlags(ref request.Config, lines.Select(OutputFlags).ToList());

        // Output values in the request itself: the kernel drives the safe level the moment it switches the line to
        // output, so a strike cannot pulse between "requested" and a later SET_VALUES.
        var safe = new GpioV2LineAttribute
        {
            Id = GpioV2LineAttributeId.OutputValues,
            Values = MaskOf(lines, l => l.SafeActive),
        };
        AddAttribute(ref request.Config, safe, MaskOf(lines, _ => true));
        return request;
    }

    public static GpioV2LineFlags InputFlags(InputLineSettings line)
    {
        var flags = GpioV2LineFlags.Input | BiasFlags(line.Bias);
        if (line.ActiveLow) flags |= GpioV2LineFlags.ActiveLow;
        if (line.Edges.HasFlag(EdgeDetection.Rising)) flags |= GpioV2LineFlags.EdgeRising;
        if (line.Edges.HasFlag(EdgeDetection.Falling)) flags |= GpioV2LineFlags.EdgeFalling;
        return flags;
    }

    public static GpioV2LineFlags OutputFlags(OutputLineSettings line)
    {
        var flags = GpioV2LineFlags.Output;
        if (line.ActiveLow) flags |= GpioV2LineFlags.ActiveLow;
        flags |= line.Drive switch
        {
            OutputDrive.OpenDrain => GpioV2LineFlags.OpenDrain,
            OutputDrive.OpenSource => GpioV2LineFlags.OpenSource,
            _ => GpioV2LineFlags.None,
        };
        return flags;
    }

    private static GpioV2LineFlags BiasFlags(LineBias bias) => bias switch
    {
        LineBias.PullUp => GpioV2LineFlags.BiasPullUp,
        LineBias.PullDown => GpioV2LineFlags.BiasPullDown,
        LineBias.Disabled => GpioV2LineFlags.BiasDisabled,
        _ => GpioV2LineFlags.None,
    };

    /// <summary>Rounds up: a debounce shorter than asked could let contact bounce through.</summary>
    private static uint DebounceMicroseconds(InputLineSettings line)
    {
        if (line.Debounce < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(line), line.Debounce, $"debounce of line {line.Offset} is negative.");
        }

        return (uint)Math.Ceiling(line.Debounce.Ticks / (double)TimeSpan.TicksPerMicrosecond);
    }

    private static GpioV2LineRequest Start(string consumer, IReadOnlyList<LineOffset> offsets)
    {
        if (offsets.Count is < 1 or > GpioUapi.LinesMax)
        {
            throw new ArgumentOutOfRangeException(nameof(offsets), offsets.Count, $"a request holds 1..{GpioUapi.LinesMax} lines.");
        }

        var duplicate = offsets.GroupBy(o => o).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"line {duplicate.Key} appears twice in one request.", nameof(offsets));
        }

        var request = default(GpioV2LineRequest);
        for (int i = 0; i < offsets.Count; i++)
        {
            request.Offsets[i] = offsets[i].Value;
        }

        request.NumLines = (uint)offsets.Count;
        NulTerminatedUtf8.Write(consumer, request.Consumer, GpioUapi.MaxNameSize);
        return request;
    }

    private static void AddFlags(ref GpioV2LineConfig config, IReadOnlyList<GpioV2LineFlags> perLine)
    {
        var defaultFlags = perLine[0];
        config.Flags = defaultFlags;
        foreach (var flags in perLine.Distinct().Where(f => f != defaultFlags))
        {
            var attribute = new GpioV2LineAttribute { Id = GpioV2LineAttributeId.Flags, Flags = flags };
            AddAttribute(ref config, attribute, MaskOf(perLine, f => f == flags));
        }
    }

    private static void AddAttribute(ref GpioV2LineConfig config, GpioV2LineAttribute attribute, ulong mask)
    {
        if (config.NumAttrs == GpioUapi.NumAttrsMax)
        {
            throw new ArgumentException(
                $"these lines need more than {GpioUapi.NumAttrsMax} distinct settings (flag sets, debounce periods, output values) in one request; split them into several requests.");
        }

        config.Attrs[(int)config.NumAttrs++] = new GpioV2LineConfigAttribute { Attr = attribute, Mask = mask };
    }

    private static ulong MaskOf<T>(IReadOnlyList<T> perLine, Func<T, bool> selected)
    {
        ulong mask = 0;
        for (int i = 0; i < perLine.Count; i++)
        {
            if (selected(perLine[i])) mask |= 1UL << i;
        }

        return mask;
    }
}
