using Mailroom.Edge.Host.Simulation;
using Xunit;

namespace Mailroom.Edge.Host.Tests.Keypads;

/// <summary>The simulator's <c>keys</c> step: keys on a matrix keypad's simulated pad, through the reader's own scanner.</summary>
public sealed class MatrixKeypadSimulationTests
{
    private static (bool Ok, string Output, string Errors) Run(string script)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        using var runner = new ScenarioRunner(MatrixKeypadEndToEndTests.PinOnlyDoorWithMatrix(), output, errors);
        var ok = runner.Run(ScenarioScript.Parse(new StringReader(script)));
        return (ok, output.ToString(), errors.ToString());
    }

    [Fact]
    public void Keys_typed_on_the_pad_open_the_door_and_two_at_once_are_refused()
    {
        var (ok, output, errors) = Run("""
            start 2026-01-05T10:00:00Z
            credential H10301 42 3001 holder="Ada Lovelace" groups=post pin=4711
            keys post-in 1+9
            expect event reader.frame_rejected bits=0
            keys post-in "4711#"
            expect event access.granted holder="Ada Lovelace"
            expect strike post released
            keys post-in "4712#"
            expect event access.denied reason=wrong_pin
            """);

        Assert.True(ok, errors);
        Assert.Contains("2 keys read closed at once", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_the_pad_does_not_have_is_refused_naming_the_line()
    {
        var e = Assert.Throws<ScenarioException>(() => Run("keys post-in 1E"));

        Assert.Contains("line 1: the pad has no key 'E'", e.Message, StringComparison.Ordinal);
    }
}
