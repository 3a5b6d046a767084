using System.CommandLine;

namespace Mailroom.Edge.Ctl.Settings;

/// <summary>How every verb runs: settings resolved from file and flags, a usage problem printed with exit code 1.</summary>
internal static class CtlAction
{
    public static void Set(Command command, Func<ParseResult, CtlSettings, CancellationToken, Task<int>> action) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                return await action(parse, CtlOptions.Resolve(parse), cancellationToken);
            }
            catch (CtlUsageException e)
            {
                await Console.Error.WriteLineAsync(e.Message);
                return CtlExitCodes.Usage;
            }
        });
}
