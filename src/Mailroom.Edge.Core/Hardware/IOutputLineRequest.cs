namespace Mailroom.Edge.Core.Hardware;

/// <summary>Held output lines. Values are logical: active means energised, whatever the line's active level.</summary>
public interface IOutputLineRequest : IDisposable
{
    void SetValue(LineOffset offset, bool active);

    bool GetValue(LineOffset offset);
}
