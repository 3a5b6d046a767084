using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Gpio.Linux;
using Mailroom.Edge.Gpio.Linux.Interop;
using F = Mailroom.Edge.Gpio.Linux.Interop.GpioV2LineFlags;

namespace Mailroom.Edge.Gpio.Tests.Linux;

public unsafe class LineRequestBuilderTests
{
    private static readonly LineOffset D0 = new(17), D1 = new(27), Rex = new(22);

    [Fact]
    public void Wiegand_pair_alike_needs_no_flag_attribute_and_keeps_offsets_consumer_and_buffer()
    {
        var line = new InputLineSettings(D0, LineBias.PullUp, ActiveLow: false, EdgeDetection.Falling);
        var request = LineRequestBuilder.ForInputs("mailroom-edge", [line, line with { Offset = D1 }], 128);

        Assert.Equal(2u, request.NumLines);
        Assert.Equal(17u, request.Offsets[0]);
        Assert.Equal(27u, request.Offsets[1]);
        Assert.Equal(128u, request.EventBufferSize);
        Assert.Equal("mailroom-edge", NulTerminatedUtf8.Read(request.Consumer, GpioUapi.MaxNameSize));
        Assert.Equal(0u, request.Config.NumAttrs);
        Assert.Equal(F.Input | F.BiasPullUp | F.EdgeFalling, request.Config.Flags);
    }

    [Fact]
    public void Mixed_inputs_get_per_line_flags_and_grouped_debounce_masks()
    {
        InputLineSettings[] lines =
        [
            new(D0, LineBias.PullUp, false, EdgeDetection.Falling),
            new(D1, LineBias.PullUp, false, EdgeDetection.Falling),
            new(Rex, LineBias.PullDown, ActiveLow: true, EdgeDetection.Both, TimeSpan.FromMilliseconds(5)),
            new(new LineOffset(5), LineBias.Disabled, false, EdgeDetection.Rising, TimeSpan.FromMilliseconds(5)),
            new(new LineOffset(6), LineBias.AsIs, false, EdgeDetection.None, TimeSpan.FromTicks(15)),
        ];

        var config = LineRequestBuilder.ForInputs("t", lines, 64).Config;

        Assert.Equal(F.Input | F.BiasPullUp | F.EdgeFalling, KernelLineConfig.Flags(config, 0));
        Assert.Equal(F.Input | F.BiasPullUp | F.EdgeFalling, KernelLineConfig.Flags(config, 1));
        Assert.Equal(F.Input | F.BiasPullDown | F.ActiveLow | F.EdgeRising | F.EdgeFalling, KernelLineConfig.Flags(config, 2));
        Assert.Equal(F.Input | F.BiasDisabled | F.EdgeRising, KernelLineConfig.Flags(config, 3));
        Assert.Equal(F.Input, KernelLineConfig.Flags(config, 4));
        Assert.Equal([0u, 0u, 5000u, 5000u, 2u], Enumerable.Range(0, 5).Select(i => KernelLineConfig.DebounceUs(config, i)));

        var debounce = Enumerable.Range(0, (int)config.NumAttrs).Select(i => config.Attrs[i])
            .Where(a => a.Attr.Id == GpioV2LineAttributeId.Debounce).ToList();
        Assert.Equal([0b01100UL, 0b10000UL], debounce.Select(a => a.Mask));
    }

    [Fact]
    public void Outputs_carry_their_safe_values_in_the_request_with_drive_and_polarity()
    {
        OutputLineSettings[] lines =
        [
            new(new LineOffset(4), ActiveLow: false, SafeActive: false),
            new(new LineOffset(5), ActiveLow: true, SafeActive: true, OutputDrive.OpenDrain),
            new(new LineOffset(6), SafeActive: false, Drive: OutputDrive.OpenSource),
        ];

        var config = LineRequestBuilder.ForOutputs("strike", lines).Config;

        Assert.Equal(F.Output, KernelLineConfig.Flags(config, 0));
        Assert.Equal(F.Output | F.ActiveLow | F.OpenDrain, KernelLineConfig.Flags(config, 1));
        Assert.Equal(F.Output | F.OpenSource, KernelLineConfig.Flags(config, 2));
        Assert.Equal([false, true, false], Enumerable.Range(0, 3).Select(i => KernelLineConfig.OutputValue(config, i)));
    }

    [Fact]
    public void Limits_are_refused_before_the_kernel_sees_them()
    {
        var line = new InputLineSettings(D0);
        Assert.Throws<ArgumentOutOfRangeException>(() => LineRequestBuilder.ForInputs("t", [line], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => LineRequestBuilder.ForInputs("t", [line], GpioUapi.MaxEventBufferSize + 1));
        Assert.Throws<ArgumentException>(() => LineRequestBuilder.ForInputs("t", [line, line], 16));
        var tooMany = Enumerable.Range(0, 65).Select(i => new InputLineSettings(new LineOffset((uint)i))).ToList();
        Assert.Throws<ArgumentOutOfRangeException>(() => LineRequestBuilder.ForInputs("t", tooMany, 16));
        var elevenDebounces = Enumerable.Range(0, 12)
            .Select(i => new InputLineSettings(new LineOffset((uint)i), Debounce: TimeSpan.FromMilliseconds(i))).ToList();
        Assert.Throws<ArgumentException>(() => LineRequestBuilder.ForInputs("t", elevenDebounces, 16));
    }

    [Fact]
    public void Consumer_is_cut_to_31_bytes_without_splitting_a_character()
    {
        var request = LineRequestBuilder.ForInputs(new string('a', 30) + "é", [new InputLineSettings(D0)], 16);

        Assert.Equal(new string('a', 30), NulTerminatedUtf8.Read(request.Consumer, GpioUapi.MaxNameSize));
        Assert.Equal(0, request.Consumer[31]);
    }
}
