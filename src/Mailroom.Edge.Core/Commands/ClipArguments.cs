using Mailroom.Edge.Core.Doors;

namespace Mailroom.Edge.Core.Commands;

/// <summary><c>clip</c>: record a clip of the camera at <see cref="Door"/> covering the last <see cref="Seconds"/> seconds.</summary>
public sealed record ClipArguments(DoorId Door, int Seconds) : CommandArguments
{
    public const int MaxSeconds = 300;
}
