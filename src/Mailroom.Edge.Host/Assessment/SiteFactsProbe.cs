using Mailroom.Edge.Host.Clock;
using Mailroom.Edge.Host.Composition;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Host.Osdp;
using Mailroom.Edge.Storage.Credentials;

namespace Mailroom.Edge.Host.Assessment;

/// <summary>Gathers <see cref="SiteFacts"/> from the device: the live credential list (read only when the file exists:
/// the probe creates nothing), timesyncd's flag, and the modes of the files that hold secrets or evidence.</summary>
public static class SiteFactsProbe
{
    /// <param name="options">The configuration.</param>
    /// <param name="configFile">The file it came from (null: the site file's default path).</param>
    /// <param name="time">The clock.</param>
    /// <param name="liveList">The running agent's list status (its store's cached one); null reads the file.</param>
    public static SiteFacts Gather(EdgeOptions options, string? configFile, TimeProvider time, Core.Access.CredentialListStatus? liveList = null)
    {
        var credentials = Path.Combine(options.DataDirectory, EdgeServices.CredentialsFile);
        var list = liveList;
        if (list is null && File.Exists(credentials))
        {
            using var store = new SqliteCredentialStore(credentials);
            list = store.Status;
        }
        bool? synchronised = string.Equals(options.Clock.Source, "Timesyncd", StringComparison.OrdinalIgnoreCase)
            ? new TimesyncdClockStatus(time: time).IsSynchronised
            : null;
        var window = new Installer.InstallerWindowFile(Path.Combine(options.DataDirectory, Installer.InstallerWindowFile.FileName)).Read();
        return new SiteFacts(time.GetUtcNow(), list, synchronised, [.. ProtectedFiles(options, configFile)])
        {
            InstallerPageUntil = window is not null && window.IsOpenAt(time.GetUtcNow()) ? window.Until : null,
        };
    }

    /// <summary>The self-assessment of the device now: <see cref="Gather"/>, then <see cref="SiteAssessment.Assess"/>. The
    /// one way the command, <c>config check</c>, health and the installer's page assess.</summary>
    public static IReadOnlyList<Finding> AssessNow(EdgeOptions options, string? configFile, TimeProvider time, Core.Access.CredentialListStatus? liveList = null) =>
        SiteAssessment.Assess(options, Gather(options, configFile, time, liveList));

    private static IEnumerable<ProtectedFile> ProtectedFiles(EdgeOptions options, string? configFile)
    {
        var candidates = new List<(string? Path, string Holds)>
        {
            (configFile ?? EdgeConfiguration.DefaultSiteFile, "the site configuration (broker password, PIN index key)"),
            (options.DataDirectory, "the data folder (credential list, outbox, clips)"),
            (Path.Combine(options.DataDirectory, OsdpKeyFile.FileName), "the OSDP readers' Secure Channel keys"),
            (Path.Combine(options.DataDirectory, EdgeServices.CredentialsFile), "the credential list"),
            (options.Mqtt.Tls.KeyFile, "the device's TLS private key"),
            (Path.Combine(options.DataDirectory, Installer.InstallerWindowFile.FileName), "the installer page's password hash"),
            (Path.Combine(options.DataDirectory, Installer.InstallerCertificate.FileName), "the installer page's TLS key"),
        };
        foreach (var (path, holds) in candidates)
        {
            // The agent runs on Linux only; the guard keeps the analyser's platform check honest.
            if (!OperatingSystem.IsLinux() || string.IsNullOrEmpty(path) || !(File.Exists(path) || Directory.Exists(path)))
                continue;
            yield return new ProtectedFile(path, File.GetUnixFileMode(path), holds);
        }
    }
}
