namespace Mailroom.Edge.Core.Hardware;

/// <summary>Output driver type of a line.</summary>
public enum OutputDrive
{
    PushPull = 0,
    OpenDrain,
    OpenSource,
}
