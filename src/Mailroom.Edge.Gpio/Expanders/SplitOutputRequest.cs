using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Gpio.Expanders;

/// <summary>One output request made of one request per chip (<see cref="GpioChipWithExpanders"/>).</summary>
internal sealed class SplitOutputRequest(IReadOnlyList<(IOutputLineRequest Request, Func<LineOffset, LineOffset?> Local)> parts) : IOutputLineRequest
{
    public void SetValue(LineOffset offset, bool active)
    {
        var (request, local) = Route(offset);
        request.SetValue(local, active);
    }

    public bool GetValue(LineOffset offset)
    {
        var (request, local) = Route(offset);
        return request.GetValue(local);
    }

    private (IOutputLineRequest, LineOffset) Route(LineOffset offset)
    {
        foreach (var (request, local) in parts)
        {
            if (local(offset) is { } found)
                return (request, found);
        }
        throw new GpioException($"line {offset} is not part of this output request");
    }

    public void Dispose()
    {
        foreach (var (request, _) in parts)
            request.Dispose();
    }
}
