namespace Mailroom.Edge.Ctl.Push;

/// <summary>The per-device table a push ends with, and its exit code: 0 when every device applied the list (or held it
/// already), else <see cref="CtlExitCodes.Rejected"/> if any device refused, else <see cref="CtlExitCodes.NoAnswer"/>
/// if any did not answer, else <see cref="CtlExitCodes.Failed"/>.</summary>
internal static class PushReport
{
    public static int Print(IReadOnlyList<PushOutcome> outcomes, TextWriter output)
    {
        output.WriteLine($"{"device",-24} {"result",-9} {"kind",-8} {"version",7} {"count",9} {"hash equal",-10} {"seconds",8}  detail");
        foreach (var o in outcomes)
        {
            var hashEqual = o.HashEqual switch { true => "yes", false => "NO", null => "-" };
            output.WriteLine($"{o.Device,-24} {Word(o.Result),-9} {o.Kind,-8} {o.Version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",7} " +
                $"{o.Count?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",9} {hashEqual,-10} {o.Seconds,8:0.0}  {o.Detail}");
        }
        return ExitCode(outcomes);
    }

    public static int ExitCode(IReadOnlyList<PushOutcome> outcomes)
    {
        if (outcomes.Any(o => o.Result == PushResult.Rejected || o.HashEqual == false))
            return CtlExitCodes.Rejected;
        if (outcomes.Any(o => o.Result == PushResult.NoAnswer))
            return CtlExitCodes.NoAnswer;
        return outcomes.Any(o => o.Result == PushResult.Failed) ? CtlExitCodes.Failed : CtlExitCodes.Accepted;
    }

    public static string Word(PushResult result) => result switch
    {
        PushResult.Applied => "applied",
        PushResult.Rejected => "rejected",
        PushResult.NoAnswer => "no answer",
        _ => "failed",
    };
}
