using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mailroom.Edge.Host.Installer;

/// <summary>
/// The installer's page on Kestrel: HTTPS only, on <c>Installer:Bind</c>, with the page's certificate (owned, disposed
/// with the server). Every request is
/// refused once the window is closed (the service also stops the server within a second). A login gives a session
/// cookie (<c>__Host-</c>, Secure, HttpOnly, SameSite=Strict) bound to the window, so a cookie of an earlier window
/// opens nothing; every form is checked for its anti-forgery token; responses are never cached and may load nothing
/// from elsewhere (Content-Security-Policy <c>default-src 'self'</c>).
/// </summary>
public sealed class InstallerWebServer : IAsyncDisposable
{
    private const string WindowClaim = "installer_window";
    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;

    private InstallerWebServer(WebApplication app, X509Certificate2 certificate) => (_app, _certificate) = (app, certificate);

    /// <summary>The address the server listens on (the port chosen by the system when <c>Installer:Bind</c> asks for 0).</summary>
    public Uri Address { get; private set; } = new("https://localhost/");

    public static async Task<InstallerWebServer> StartAsync(
        IPEndPoint bind, X509Certificate2 certificate, string device, InstallerGate gate, InstallerViews views, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 16 * 1024;
            kestrel.Limits.MaxConcurrentConnections = 64;
            kestrel.Listen(bind, listen => listen.UseHttps(certificate));
        });
        builder.Services.AddSingleton(time);
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(cookie =>
        {
            cookie.Cookie.Name = "__Host-mailroom-installer";
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.Path = "/";
            cookie.LoginPath = "/";
            cookie.SlidingExpiration = false;
        });
        builder.Services.AddAuthorization();
        builder.Services.AddDataProtection();
        builder.Services.Configure<KeyManagementOptions>(keys => keys.XmlRepository = new InMemoryKeyRepository());
        builder.Services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "__Host-mailroom-antiforgery";
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.Path = "/";
        });
        var app = builder.Build();
        var (doors, reports, cameras) = (views.Doors, views.Reports, views.Cameras);
        var liveIo = new LiveFragment(() => InstallerLivePages.Io(views.Io.Lines()), time);
        var liveReaders = new LiveFragment(() => InstallerLivePages.Readers(views.Readers.RecentFrames(), views.Readers.Counters()), time);
        var liveDoors = new LiveFragment(() => InstallerLivePages.Doors(doors.List()), time);
        var stopping = app.Lifetime.ApplicationStopping;
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.CacheControl = "no-store";
            headers.ContentSecurityPolicy = "default-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            if (gate.OpenWindow() is null)
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await Html(context, InstallerPages.Closed(device));
                return;
            }
            await next(context);
        });
        // A form refused for its anti-forgery token says why, instead of the browser's blank error page.
        app.UseStatusCodePages(async status =>
        {
            if (status.HttpContext.Response.StatusCode == StatusCodes.Status400BadRequest)
                await Html(status.HttpContext, InstallerPages.Refused(device));
        });
        app.UseAuthentication();
        app.UseAntiforgery();

        app.MapGet("/app.css", () => Results.Text(InstallerPages.Stylesheet, "text/css"));
        app.MapGet("/app.js", () => Results.Text(InstallerPages.Script, "text/javascript"));
        // The installer a request's session belongs to, in the window open now; null: back to the login.
        string? SessionOf(HttpContext context) => gate.OpenWindow() is { } window ? InstallerOf(context, window) : null;
        // A view for the session's installer with a fresh anti-forgery token for its forms; without a session, the login.
        IResult View(HttpContext context, IAntiforgery antiforgery, Func<string, string, string> render, int status = StatusCodes.Status200OK) =>
            SessionOf(context) is { } installer
                ? Results.Content(render(installer, antiforgery.GetAndStoreTokens(context).RequestToken!), "text/html; charset=utf-8", statusCode: status)
                : Results.Redirect("/");
        string DoorsPage(string installer, string token, string? message) =>
            InstallerPages.Doors(device, installer, token, doors.List(), doors.ReadersWithFeedback(), InstallerDoors.Patterns, message);

        app.MapGet("/", (HttpContext context, IAntiforgery antiforgery) =>
        {
            var window = gate.OpenWindow()!;
            var token = antiforgery.GetAndStoreTokens(context).RequestToken!;
            if (InstallerOf(context, window) is { } installer)
                return Html(InstallerPages.Overview(device, installer, token, views.Overview.Rows()));
            return Html(window.PasswordHash is null ? InstallerPages.Setup(device, token, null) : InstallerPages.Login(device, token, null));
        });
        app.MapGet("/io", (HttpContext context, IAntiforgery antiforgery) =>
            View(context, antiforgery, (installer, token) => InstallerPages.Io(device, installer, token, views.Io.Lines())));
        app.MapGet("/readers", (HttpContext context, IAntiforgery antiforgery) =>
            View(context, antiforgery, (installer, token) => InstallerPages.Readers(device, installer, token, views.Readers.Readers(),
                views.Readers.RecentFrames(), views.Readers.Counters())));
        app.MapGet("/doors", (HttpContext context, IAntiforgery antiforgery) =>
            View(context, antiforgery, (installer, token) => DoorsPage(installer, token, null)));
        app.MapGet("/cameras", (HttpContext context, IAntiforgery antiforgery) =>
            View(context, antiforgery, (installer, token) => InstallerPages.Cameras(device, installer, token, cameras.List())));
        app.MapGet("/config", (HttpContext context, IAntiforgery antiforgery) =>
            View(context, antiforgery, (installer, token) => InstallerPages.Config(device, installer, token, reports.ConfigCheck(), reports.EffectiveConfiguration())));
        app.MapGet("/assessment", (HttpContext context, IAntiforgery antiforgery) =>
            View(context, antiforgery, (installer, token) => InstallerPages.Assessment(device, installer, token, reports.Findings())));
        app.MapGet("/cameras/{camera}/latest.jpg", (HttpContext context, string camera) =>
            SessionOf(context) is null ? Results.Redirect("/")
                : cameras.LatestStill(camera) is { } still ? Results.File(still, "image/jpeg")
                : Results.NotFound());
        foreach (var (path, fragment) in new[] { ("/live/io", liveIo), ("/live/readers", liveReaders), ("/live/doors", liveDoors) })
        {
            app.MapGet(path, async context =>
            {
                if (SessionOf(context) is null)
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return;
                }
                await ServerSentEvents.StreamAsync(context, fragment, () => SessionOf(context) is not null, time, stopping);
            });
        }
        app.MapPost("/doors/pulse", async (HttpContext context, IAntiforgery antiforgery, [FromForm] string door) =>
        {
            if (SessionOf(context) is not { } installer)
                return Results.Redirect("/");
            var (done, message) = await doors.PulseAsync(door, installer, Remote(context));
            return View(context, antiforgery, (who, token) => DoorsPage(who, token, message), done ? StatusCodes.Status200OK : StatusCodes.Status409Conflict);
        });
        app.MapPost("/readers/feedback", async (HttpContext context, IAntiforgery antiforgery, [FromForm] string reader, [FromForm] string pattern) =>
        {
            if (SessionOf(context) is not { } installer)
                return Results.Redirect("/");
            var (done, message) = await doors.PlayFeedbackAsync(reader, pattern, installer, Remote(context));
            return View(context, antiforgery, (who, token) => DoorsPage(who, token, message), done ? StatusCodes.Status200OK : StatusCodes.Status409Conflict);
        });
        app.MapPost("/setup", async (HttpContext context, IAntiforgery antiforgery, [FromForm] string code, [FromForm] string installer, [FromForm] string password) =>
        {
            var result = await gate.SetPasswordAsync(code, installer, password, Remote(context));
            return await AfterAttemptAsync(context, antiforgery, result, time, gate, device, setup: true);
        });
        app.MapPost("/login", async (HttpContext context, IAntiforgery antiforgery, [FromForm] string password) =>
        {
            var result = await gate.LogInAsync(password, Remote(context));
            return await AfterAttemptAsync(context, antiforgery, result, time, gate, device, setup: false);
        });
        // The form parameter makes the endpoint read the form, and so check its anti-forgery token.
        app.MapPost("/logout", async (HttpContext context, [FromForm(Name = "__RequestVerificationToken")] string? token) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/");
        });
        await app.StartAsync(cancellationToken);
        var server = new InstallerWebServer(app, certificate);
        var address = app.Urls.FirstOrDefault() ?? $"https://{bind}";
        server.Address = new Uri(address.Replace("0.0.0.0", "localhost", StringComparison.Ordinal).Replace("[::]", "localhost", StringComparison.Ordinal));
        return server;
    }

    private static async Task<IResult> AfterAttemptAsync(HttpContext context, IAntiforgery antiforgery, GateResult result, TimeProvider time, InstallerGate gate, string device, bool setup)
    {
        if (!result.Admitted || gate.OpenWindow() is not { } window)
        {
            var token = antiforgery.GetAndStoreTokens(context).RequestToken!;
            var page = setup ? InstallerPages.Setup(device, token, result.Problem) : InstallerPages.Login(device, token, result.Problem);
            return Results.Content(page, "text/html; charset=utf-8", statusCode: StatusCodes.Status401Unauthorized);
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, result.Installer!), new Claim(WindowClaim, WindowId(window))], CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity),
            new AuthenticationProperties { ExpiresUtc = window.Until, IsPersistent = false, IssuedUtc = time.GetUtcNow() });
        return Results.Redirect("/");
    }

    /// <summary>The installer a session belongs to, when it was made in the window that is open now.</summary>
    private static string? InstallerOf(HttpContext context, InstallerWindow window) =>
        context.User.Identity?.IsAuthenticated == true && context.User.FindFirst(WindowClaim)?.Value == WindowId(window)
            ? context.User.Identity.Name
            : null;

    // A window is known by its setup code's hash: every enable makes a new one.
    private static string WindowId(InstallerWindow window) => window.SetupCodeHash[^16..];

    private static string Remote(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static IResult Html(string page) => Results.Content(page, "text/html; charset=utf-8");

    private static Task Html(HttpContext context, string page)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(page);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _certificate.Dispose();
    }
}
