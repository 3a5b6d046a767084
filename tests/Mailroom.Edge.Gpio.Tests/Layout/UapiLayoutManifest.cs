using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Mailroom.Edge.Gpio.Linux.Interop;

namespace Mailroom.Edge.Gpio.Tests.Layout;

/// <summary>
/// Every struct size, field offset, ioctl number and constant the adapter relies on, paired with the C expression
/// that gives the truth from the system's linux/gpio.h and libc headers. Offsets come from pointer arithmetic on the
/// blittable structs, which is exactly what the kernel will see.
/// </summary>
internal static unsafe class UapiLayoutManifest
{
    public static IReadOnlyList<LayoutItem> Items()
    {
        var items = new List<LayoutItem>();
        void Add(string c, ulong managed) => items.Add(new LayoutItem(c, managed));
        void Size<T>(string cStruct) => Add($"sizeof(struct {cStruct})", (ulong)Unsafe.SizeOf<T>());
        void Offset(string cStruct, string cField, void* start, void* field) =>
            Add($"offsetof(struct {cStruct}, {cField})", (ulong)((byte*)field - (byte*)start));

        var chip = default(GpioChipInfo);
        Size<GpioChipInfo>("gpiochip_info");
        Offset("gpiochip_info", "name", &chip, chip.Name);
        Offset("gpiochip_info", "label", &chip, chip.Label);
        Offset("gpiochip_info", "lines", &chip, &chip.Lines);

        var attr = default(GpioV2LineAttribute);
        Size<GpioV2LineAttribute>("gpio_v2_line_attribute");
        Offset("gpio_v2_line_attribute", "id", &attr, &attr.Id);
        Offset("gpio_v2_line_attribute", "padding", &attr, &attr.Padding);
        Offset("gpio_v2_line_attribute", "flags", &attr, &attr.Flags);
        Offset("gpio_v2_line_attribute", "values", &attr, &attr.Values);
        Offset("gpio_v2_line_attribute", "debounce_period_us", &attr, &attr.DebouncePeriodUs);

        var cattr = default(GpioV2LineConfigAttribute);
        Size<GpioV2LineConfigAttribute>("gpio_v2_line_config_attribute");
        Offset("gpio_v2_line_config_attribute", "attr", &cattr, &cattr.Attr);
        Offset("gpio_v2_line_config_attribute", "mask", &cattr, &cattr.Mask);

        var config = default(GpioV2LineConfig);
        Size<GpioV2LineConfig>("gpio_v2_line_config");
        Offset("gpio_v2_line_config", "flags", &config, &config.Flags);
        Offset("gpio_v2_line_config", "num_attrs", &config, &config.NumAttrs);
        Offset("gpio_v2_line_config", "padding", &config, config.Padding);
        Offset("gpio_v2_line_config", "attrs", &config, &config.Attrs);
        Offset("gpio_v2_line_config", "attrs[1]", &config, Unsafe.AsPointer(ref config.Attrs[1]));
        Offset("gpio_v2_line_config", "attrs[9].mask", &config, &((GpioV2LineConfigAttribute*)Unsafe.AsPointer(ref config.Attrs[9]))->Mask);

        var request = default(GpioV2LineRequest);
        Size<GpioV2LineRequest>("gpio_v2_line_request");
        Offset("gpio_v2_line_request", "offsets", &request, request.Offsets);
        Offset("gpio_v2_line_request", "consumer", &request, request.Consumer);
        Offset("gpio_v2_line_request", "config", &request, &request.Config);
        Offset("gpio_v2_line_request", "num_lines", &request, &request.NumLines);
        Offset("gpio_v2_line_request", "event_buffer_size", &request, &request.EventBufferSize);
        Offset("gpio_v2_line_request", "padding", &request, request.Padding);
        Offset("gpio_v2_line_request", "fd", &request, &request.Fd);

        var values = default(GpioV2LineValues);
        Size<GpioV2LineValues>("gpio_v2_line_values");
        Offset("gpio_v2_line_values", "bits", &values, &values.Bits);
        Offset("gpio_v2_line_values", "mask", &values, &values.Mask);

        var evt = default(GpioV2LineEvent);
        Size<GpioV2LineEvent>("gpio_v2_line_event");
        Offset("gpio_v2_line_event", "timestamp_ns", &evt, &evt.TimestampNs);
        Offset("gpio_v2_line_event", "id", &evt, &evt.Id);
        Offset("gpio_v2_line_event", "offset", &evt, &evt.Offset);
        Offset("gpio_v2_line_event", "seqno", &evt, &evt.SeqNo);
        Offset("gpio_v2_line_event", "line_seqno", &evt, &evt.LineSeqNo);
        Offset("gpio_v2_line_event", "padding", &evt, evt.Padding);

        var info = default(GpioV2LineInfo);
        Size<GpioV2LineInfo>("gpio_v2_line_info");
        Offset("gpio_v2_line_info", "name", &info, info.Name);
        Offset("gpio_v2_line_info", "consumer", &info, info.Consumer);
        Offset("gpio_v2_line_info", "offset", &info, &info.Offset);
        Offset("gpio_v2_line_info", "num_attrs", &info, &info.NumAttrs);
        Offset("gpio_v2_line_info", "flags", &info, &info.Flags);
        Offset("gpio_v2_line_info", "attrs", &info, &info.Attrs);
        Offset("gpio_v2_line_info", "padding", &info, info.Padding);

        var poll = default(PollFd);
        Size<PollFd>("pollfd");
        Offset("pollfd", "fd", &poll, &poll.Fd);
        Offset("pollfd", "events", &poll, &poll.Events);
        Offset("pollfd", "revents", &poll, &poll.REvents);

        var time = default(Timespec);
        Size<Timespec>("timespec");
        Offset("timespec", "tv_sec", &time, &time.Seconds);
        Offset("timespec", "tv_nsec", &time, &time.Nanoseconds);

        ArraySize<GpioChipInfo>("gpiochip_info", "name", nameof(GpioChipInfo.Name), Add);
        ArraySize<GpioChipInfo>("gpiochip_info", "label", nameof(GpioChipInfo.Label), Add);
        ArraySize<GpioV2LineConfig>("gpio_v2_line_config", "padding", nameof(GpioV2LineConfig.Padding), Add);
        ArraySize<GpioV2LineConfig>("gpio_v2_line_config", "attrs", nameof(GpioV2LineConfig.Attrs), Add);
        ArraySize<GpioV2LineRequest>("gpio_v2_line_request", "offsets", nameof(GpioV2LineRequest.Offsets), Add);
        ArraySize<GpioV2LineRequest>("gpio_v2_line_request", "consumer", nameof(GpioV2LineRequest.Consumer), Add);
        ArraySize<GpioV2LineRequest>("gpio_v2_line_request", "padding", nameof(GpioV2LineRequest.Padding), Add);
        ArraySize<GpioV2LineEvent>("gpio_v2_line_event", "padding", nameof(GpioV2LineEvent.Padding), Add);
        ArraySize<GpioV2LineInfo>("gpio_v2_line_info", "name", nameof(GpioV2LineInfo.Name), Add);
        ArraySize<GpioV2LineInfo>("gpio_v2_line_info", "consumer", nameof(GpioV2LineInfo.Consumer), Add);
        ArraySize<GpioV2LineInfo>("gpio_v2_line_info", "attrs", nameof(GpioV2LineInfo.Attrs), Add);
        ArraySize<GpioV2LineInfo>("gpio_v2_line_info", "padding", nameof(GpioV2LineInfo.Padding), Add);
        AddConstants(Add);
        return items;
    }

    /// <summary>
    /// The byte size of an array field: alignment can hide a short padding array from sizeof and from the next
    /// field's offset when it is the last field, so array lengths are checked on their own.
    /// </summary>
    private static void ArraySize<T>(string cStruct, string cField, string managedField, Action<string, ulong> add)
    {
        var field = typeof(T).GetField(managedField)!;
        var fixedBuffer = field.GetCustomAttribute<FixedBufferAttribute>();
        ulong size = fixedBuffer is not null
            ? (ulong)(fixedBuffer.Length * Marshal.SizeOf(fixedBuffer.ElementType))
            : (ulong)(int)typeof(Unsafe).GetMethod(nameof(Unsafe.SizeOf))!.MakeGenericMethod(field.FieldType).Invoke(null, null)!;
        add($"sizeof(((struct {cStruct} *)0)->{cField})", size);
    }

    private static void AddConstants(Action<string, ulong> add)
    {
        add("GPIO_GET_CHIPINFO_IOCTL", GpioUapi.GetChipInfo);
        add("GPIO_V2_GET_LINEINFO_IOCTL", GpioUapi.V2GetLineInfo);
        add("GPIO_V2_GET_LINE_IOCTL", GpioUapi.V2GetLine);
        add("GPIO_V2_LINE_SET_CONFIG_IOCTL", GpioUapi.V2LineSetConfig);
        add("GPIO_V2_LINE_GET_VALUES_IOCTL", GpioUapi.V2LineGetValues);
        add("GPIO_V2_LINE_SET_VALUES_IOCTL", GpioUapi.V2LineSetValues);
        add("GPIO_MAX_NAME_SIZE", GpioUapi.MaxNameSize);
        add("GPIO_V2_LINES_MAX", GpioUapi.LinesMax);
        add("GPIO_V2_LINE_NUM_ATTRS_MAX", GpioUapi.NumAttrsMax);
        add("GPIO_V2_LINE_EVENT_RISING_EDGE", GpioUapi.EventRisingEdge);
        add("GPIO_V2_LINE_EVENT_FALLING_EDGE", GpioUapi.EventFallingEdge);
        add("GPIO_V2_LINE_ATTR_ID_FLAGS", (ulong)GpioV2LineAttributeId.Flags);
        add("GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES", (ulong)GpioV2LineAttributeId.OutputValues);
        add("GPIO_V2_LINE_ATTR_ID_DEBOUNCE", (ulong)GpioV2LineAttributeId.Debounce);
        add("GPIO_V2_LINE_FLAG_USED", (ulong)GpioV2LineFlags.Used);
        add("GPIO_V2_LINE_FLAG_ACTIVE_LOW", (ulong)GpioV2LineFlags.ActiveLow);
        add("GPIO_V2_LINE_FLAG_INPUT", (ulong)GpioV2LineFlags.Input);
        add("GPIO_V2_LINE_FLAG_OUTPUT", (ulong)GpioV2LineFlags.Output);
        add("GPIO_V2_LINE_FLAG_EDGE_RISING", (ulong)GpioV2LineFlags.EdgeRising);
        add("GPIO_V2_LINE_FLAG_EDGE_FALLING", (ulong)GpioV2LineFlags.EdgeFalling);
        add("GPIO_V2_LINE_FLAG_OPEN_DRAIN", (ulong)GpioV2LineFlags.OpenDrain);
        add("GPIO_V2_LINE_FLAG_OPEN_SOURCE", (ulong)GpioV2LineFlags.OpenSource);
        add("GPIO_V2_LINE_FLAG_BIAS_PULL_UP", (ulong)GpioV2LineFlags.BiasPullUp);
        add("GPIO_V2_LINE_FLAG_BIAS_PULL_DOWN", (ulong)GpioV2LineFlags.BiasPullDown);
        add("GPIO_V2_LINE_FLAG_BIAS_DISABLED", (ulong)GpioV2LineFlags.BiasDisabled);
        add("GPIO_V2_LINE_FLAG_EVENT_CLOCK_REALTIME", (ulong)GpioV2LineFlags.EventClockRealtime);
        add("GPIO_V2_LINE_FLAG_EVENT_CLOCK_HTE", (ulong)GpioV2LineFlags.EventClockHte);
        add("O_RDWR", Libc.O_RDWR);
        add("O_CLOEXEC", Libc.O_CLOEXEC);
        add("EFD_CLOEXEC", Libc.EFD_CLOEXEC);
        add("POLLIN", (ulong)Libc.POLLIN);
        add("POLLERR", (ulong)Libc.POLLERR);
        add("POLLHUP", (ulong)Libc.POLLHUP);
        add("POLLNVAL", (ulong)Libc.POLLNVAL);
        add("CLOCK_MONOTONIC", Libc.CLOCK_MONOTONIC);
        add("EPERM", Errno.EPERM);
        add("ENOENT", Errno.ENOENT);
        add("EINTR", Errno.EINTR);
        add("ENXIO", Errno.ENXIO);
        add("EAGAIN", Errno.EAGAIN);
        add("EACCES", Errno.EACCES);
        add("EBUSY", Errno.EBUSY);
        add("ENODEV", Errno.ENODEV);
        add("EINVAL", Errno.EINVAL);
        add("ENOTTY", Errno.ENOTTY);
    }
}
