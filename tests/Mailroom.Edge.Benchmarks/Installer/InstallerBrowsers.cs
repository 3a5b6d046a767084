using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Host.Installer;

namespace Mailroom.Edge.Benchmarks.Installer;

/// <summary>
/// Browsers on the installer's page, each its own HttpClient and cookies, trusting only the device's certificate: the
/// first sets the password with the setup code, the others log in with it. Each reads <c>/live/io</c> and
/// <c>/live/readers</c> as an EventSource does, every event read, counted and discarded. One more logs in and opens
/// <c>/live/io</c> but never reads it, as a stalled or hostile browser would.
/// </summary>
internal sealed partial class InstallerBrowsers : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly string _fingerprint;
    private readonly Uri _address;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<HttpClient> _clients = [];
    private readonly List<HttpResponseMessage> _streams = [];
    private readonly List<Task> _readers = [];
    private readonly List<Task> _firstEvents = [];
    private long _events;

    private InstallerBrowsers(string fingerprint, Uri address) => (_fingerprint, _address) = (fingerprint, address);

    /// <summary>Events read so far by all the reading browsers together.</summary>
    public long Events => Interlocked.Read(ref _events);

    /// <summary>Streams still open: a stream the page ended (or that broke) stops counting.</summary>
    public int OpenStreams => _readers.Count(r => !r.IsCompleted);

    /// <summary>Opens the browsers and completes once every reading stream has delivered its first event.</summary>
    public static async Task<InstallerBrowsers> OpenAsync(EdgeOptions options, Uri address, int sessions, string code, string password)
    {
        using var certificate = InstallerCertificate.LoadOrCreate(options, TimeProvider.System);
        var browsers = new InstallerBrowsers(InstallerCertificate.Fingerprint(certificate), address);
        try
        {
            for (var i = 0; i < sessions; i++)
            {
                var browser = i == 0
                    ? await browsers.LoggedInAsync("/setup", ("code", code), ("installer", "bench"), ("password", password))
                    : await browsers.LoggedInAsync("/login", ("password", password));
                browsers.Read(await OpenStreamAsync(browser, "/live/io"));
                browsers.Read(await OpenStreamAsync(browser, "/live/readers"));
            }
            var hostile = await browsers.LoggedInAsync("/login", ("password", password));
            browsers._streams.Add(await OpenStreamAsync(hostile, "/live/io"));
            await Task.WhenAll(browsers._firstEvents).WaitAsync(Timeout);
            return browsers;
        }
        catch
        {
            await browsers.DisposeAsync();
            throw;
        }
    }

    /// <summary>A new browser that has set the password (given the setup code) or logged in with it.</summary>
    private async Task<HttpClient> LoggedInAsync(string path, params (string Name, string Value)[] fields)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            CookieContainer = new CookieContainer(),
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is X509Certificate2 c && InstallerCertificate.Fingerprint(c) == _fingerprint },
        };
        var browser = new HttpClient(handler) { BaseAddress = _address, Timeout = Timeout };
        _clients.Add(browser);
        var page = await browser.GetStringAsync("/");
        var form = fields.Prepend((Name: "__RequestVerificationToken", Value: TokenField().Match(page).Groups[1].Value))
            .Select(f => new KeyValuePair<string, string>(f.Name, f.Value));
        using var answer = await browser.PostAsync(path, new FormUrlEncodedContent(form));
        if (answer.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"POST {path} answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
        return browser;
    }

    private static async Task<HttpResponseMessage> OpenStreamAsync(HttpClient browser, string path)
    {
        var response = await browser.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return response;
    }

    private void Read(HttpResponseMessage stream)
    {
        _streams.Add(stream);
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _firstEvents.Add(first.Task);
        _readers.Add(ReadEventsAsync(stream, first));
    }

    private async Task ReadEventsAsync(HttpResponseMessage stream, TaskCompletionSource first)
    {
        try
        {
            using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync(_stop.Token));
            // An event is its data lines ended by a blank line; the retry line and keep-alive comments are not events.
            var inEvent = false;
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    inEvent = true;
                }
                else if (line.Length == 0 && inEvent)
                {
                    inEvent = false;
                    Interlocked.Increment(ref _events);
                    first.TrySetResult();
                }
            }
            first.TrySetException(new InvalidOperationException("a live stream ended before its first event"));
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
        {
            first.TrySetException(e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_readers);
        foreach (var stream in _streams)
            stream.Dispose();
        foreach (var client in _clients)
            client.Dispose();
        _stop.Dispose();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
