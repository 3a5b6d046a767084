using System.ComponentModel.DataAnnotations;
using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Host.Configuration;

/// <summary>A contact input (door position switch, exit button, tamper, auxiliary): its line and which level means "active".</summary>
public sealed class InputLineOptions
{
    /// <summary>Line name (e.g. <c>GPIO5</c>) or offset.</summary>
    /// <remarks>Required, so that an input written without it (<c>"Rex": {}</c>) is refused by
    /// <see cref="ConfigurationShape"/> rather than bound as no input at all.</remarks>
    [Required]
    public string Line { get; set; } = "";

    /// <summary>True when the contact pulls the line low when active (a switch to ground with the pull-up: the usual wiring).</summary>
    public bool ActiveLow { get; set; } = true;

    public LineBias Bias { get; set; } = LineBias.PullUp;

    /// <summary>Kernel debounce; contacts bounce for a few milliseconds.</summary>
    public TimeSpan Debounce { get; set; } = TimeSpan.FromMilliseconds(20);
}
