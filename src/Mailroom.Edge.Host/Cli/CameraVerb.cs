using System.CommandLine;
using Mailroom.Edge.Host.Composition;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Video;
using Mailroom.Edge.Video.Probing;

namespace Mailroom.Edge.Host.Cli;

/// <summary>
/// <c>mailroom-edge camera probe NAME|URL</c>: asks a configured camera (or any <c>rtsp://</c> URL) what it sends and
/// prints one fact a line: the camera, its video (codec, size, fps) and audio; or why it could not be asked (dead
/// camera, wrong password, wrong path, timeout). The URL is only ever printed with its credentials masked.
/// </summary>
internal static class CameraVerb
{
    public static Command Create()
    {
        var targetArgument = new Argument<string>("camera") { Description = "A configured camera's name, or an rtsp:// URL" };
        var probe = new Command("probe", "Print a camera's video codec, resolution, frame rate and audio");
        probe.Arguments.Add(targetArgument);
        probe.Options.Add(CommonOptions.Config);
        probe.Options.Add(CommonOptions.Set);
        probe.SetAction((parse, cancellationToken) =>
        {
            var target = parse.GetValue(targetArgument)!;
            // A URL needs no configuration (an installer may probe before writing one); a name, or --config/--set, does.
            var needsConfiguration = !IsUrl(target) || parse.GetResult(CommonOptions.Config) is not null || parse.GetResult(CommonOptions.Set) is not null;
            var options = needsConfiguration ? VerbConfiguration.TryLoad(parse) : new EdgeOptions();
            return options is null
                ? Task.FromResult(ExitCodes.BadConfiguration)
                : ProbeAsync(options, target, p => FfprobeCameraProbe.For(p), Console.Out, Console.Error, cancellationToken);
        });

        var command = new Command("camera", "Camera tools for installers");
        command.Subcommands.Add(probe);
        return command;
    }

    /// <summary>Probes <paramref name="target"/> (a camera of <paramref name="options"/> or a URL): 0 when it answered,
    /// 1 when the probe failed, 2 for an unknown camera or a URL that is not rtsp://.</summary>
    internal static async Task<int> ProbeAsync(EdgeOptions options, string target, Func<VideoSettings, ICameraProbe> probeFor,
        TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        string url;
        if (IsUrl(target))
            url = target;
        else if (options.Cameras.TryGetValue(target, out var camera))
            url = camera.Url;
        else
        {
            error.WriteLine($"camera probe: '{UrlRedaction.Redact(target)}' is neither a configured camera (cameras: {string.Join(", ", options.Cameras.Keys)}) nor an rtsp:// URL");
            return ExitCodes.BadConfiguration;
        }
        if (!url.StartsWith("rtsp://", StringComparison.OrdinalIgnoreCase) && !url.StartsWith("rtsps://", StringComparison.OrdinalIgnoreCase))
        {
            error.WriteLine($"camera probe: {UrlRedaction.Redact(url)} is not an rtsp:// URL");
            return ExitCodes.BadConfiguration;
        }

        output.WriteLine($"camera: {(IsUrl(target) ? "" : target + " ")}{UrlRedaction.Redact(url)}");
        var result = await probeFor(EdgeServices.VideoSettingsFrom(options)).ProbeAsync(url, cancellationToken);
        if (!result.Succeeded)
        {
            error.WriteLine($"camera probe: {result.FailureReason}");
            return ExitCodes.Failed;
        }
        output.WriteLine($"video: {result.VideoSummary}");
        output.WriteLine($"audio: {result.AudioSummary}");
        return ExitCodes.Ok;
    }

    private static bool IsUrl(string target) => target.Contains("://", StringComparison.Ordinal);
}
