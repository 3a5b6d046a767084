using System.Diagnostics;

namespace Mailroom.Edge.Testing;

/// <summary>
/// A real RTSP camera on loopback: GStreamer's RTSP server (rtsp/test-rtsp-server.py) serving an H.264 test pattern
/// with one keyframe a second, and optionally a test tone (<see cref="TestCameraAudio"/>). Needs python3-gi, gir1.2-gst-rtsp-server-1.0 and the
/// base/good/ugly plugins (build.sh).
/// It can be stopped and started again on the same port to simulate a camera outage.
/// </summary>
public sealed class RtspTestCamera : IAsyncDisposable
{
    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "rtsp", "test-rtsp-server.py");
    private readonly int _width;
    private readonly int _height;
    private readonly TestCameraAudio _audio;
    private readonly bool _requirePassword;
    private Process? _server;

    private RtspTestCamera(int port, int width, int height, TestCameraAudio audio, bool requirePassword)
    {
        Port = port;
        _width = width;
        _height = height;
        _audio = audio;
        _requirePassword = requirePassword;
    }

    /// <summary>The password in <see cref="Url"/>; a camera started with <c>requirePassword</c> refuses any other (401).</summary>
    public const string Password = "s3cret-pass";

    public int Port { get; }

    /// <summary>The camera's URL with credentials, as an installer would configure it (checked only when started with <c>requirePassword</c>).</summary>
    public string Url => $"rtsp://viewer:{Password}@127.0.0.1:{Port}/cam";

    /// <summary>Starts a camera; with <c>requirePassword</c> it requires HTTP Basic authentication as <c>viewer</c> with <see cref="Password"/>, like a real camera.</summary>
    public static async Task<RtspTestCamera> StartAsync(int width = 320, int height = 240, TestCameraAudio audio = TestCameraAudio.None,
        bool requirePassword = false)
    {
        var camera = new RtspTestCamera(FreeTcpPort.Next(), width, height, audio, requirePassword);
        await camera.StartAsync();
        return camera;
    }

    /// <summary>Starts the server and returns once it listens (it prints "ready").</summary>
    public async Task StartAsync()
    {
        // Debian's interpreter, not a pyenv shim: the GObject bindings are a Debian package.
        var info = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Script);
        info.ArgumentList.Add(Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        info.ArgumentList.Add(_width.ToString(System.Globalization.CultureInfo.InvariantCulture));
        info.ArgumentList.Add(_height.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (_audio != TestCameraAudio.None || _requirePassword)
            info.ArgumentList.Add(_audio == TestCameraAudio.None ? "" : _audio.ToString().ToLowerInvariant());
        if (_requirePassword)
            info.ArgumentList.Add($"viewer:{Password}");
        var server = Process.Start(info) ?? throw new InvalidOperationException("cannot start the RTSP test server");
        _server = server;
        var stderr = server.StandardError.ReadToEndAsync();
        var line = await server.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (line != "ready")
            throw new InvalidOperationException($"RTSP test server did not start: {await stderr.WaitAsync(TimeSpan.FromSeconds(5))}");
    }

    /// <summary>Stops the server (SIGTERM) and waits for it to exit: to a client, the camera went away.</summary>
    public async Task StopAsync()
    {
        if (_server is not { } server)
            return;
        _server = null;
        if (!server.HasExited)
        {
            PosixSignals.Kill(server.Id, PosixSignals.SigTerm);
            try
            {
                await server.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (TimeoutException)
            {
                server.Kill();
                await server.WaitForExitAsync();
            }
        }
        server.Dispose();
    }

    /// <summary>Freezes the server (SIGSTOP): the TCP connection stays open but no packet comes, like a hung camera.</summary>
    public void Freeze() => PosixSignals.Kill(_server?.Id ?? throw new InvalidOperationException("not running"), PosixSignals.SigStop);

    /// <summary>Lets a frozen server run again.</summary>
    public void Thaw() => PosixSignals.Kill(_server?.Id ?? throw new InvalidOperationException("not running"), PosixSignals.SigCont);

    public async ValueTask DisposeAsync()
    {
        if (_server is { HasExited: false } server)
            PosixSignals.Kill(server.Id, PosixSignals.SigCont);
        await StopAsync();
    }
}
