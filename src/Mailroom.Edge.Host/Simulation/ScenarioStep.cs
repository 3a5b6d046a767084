namespace Mailroom.Edge.Host.Simulation;

/// <summary>One line of a scenario script: its verb, positional arguments and <c>key=value</c> arguments.</summary>
public sealed record ScenarioStep(int Line, string Verb, IReadOnlyList<string> Args, IReadOnlyDictionary<string, string> Named, string Text)
{
    public string Arg(int index, string what) =>
        index < Args.Count ? Args[index] : throw new ScenarioException(Line, $"'{Verb}' needs {what}");
}
