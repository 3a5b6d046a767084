namespace Mailroom.Edge.Host.Simulation;

/// <summary>A script line the simulator cannot run (unknown verb, bad argument, a door without the input it names).</summary>
public sealed class ScenarioException(int line, string message) : Exception($"line {line}: {message}")
{
    public int Line => line;
}
