using System.Globalization;
using System.Text.RegularExpressions;
using Mailroom.Edge.Core.Commands;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Host.RemoteCommands;
using Mailroom.Edge.Video;
using Microsoft.Extensions.Options;

namespace Mailroom.Edge.Host.Configuration;

/// <summary>
/// Checks the whole configuration before anything touches a line. Every message starts with the configuration key it
/// is about, e.g. <c>Doors:front:GrantTime</c>, and says what is wrong.
/// </summary>
public sealed partial class EdgeOptionsValidator : IValidateOptions<EdgeOptions>
{
    private static readonly TimeSpan MinGrantTime = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxGrantTime = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MaxRoll = TimeSpan.FromMinutes(2);
    // The kernel caps a request's event buffer at GPIO_V2_LINES_MAX * 16 (drivers/gpio/gpiolib-cdev.c); a larger
    // setting would pass here and fail when the lines are requested.
    private const int MaxEventBufferSize = 1024;
    // The kernel takes debounce_period_us as a u32: anything longer cannot be requested.
    private static readonly TimeSpan MaxDebounce = TimeSpan.FromMicroseconds(uint.MaxValue);

    public ValidateOptionsResult Validate(string? name, EdgeOptions options)
    {
        var errors = Check(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static List<string> Check(EdgeOptions o)
    {
        var errors = new List<string>();
        RequireTopicName(errors, "Site", o.Site);
        RequireTopicName(errors, "Device", o.Device);
        if (string.IsNullOrWhiteSpace(o.DataDirectory))
            errors.Add("DataDirectory: is empty; set the folder for the SQLite files (e.g. /var/lib/mailroom-edge)");

        CheckMqtt(errors, o.Mqtt);
        CheckOutbox(errors, o.Outbox);
        if (string.IsNullOrWhiteSpace(o.Gpio.Chip))
            errors.Add("Gpio:Chip: is empty; set 'simulated' or a device such as /dev/gpiochip0");
        if (o.Gpio.EventBufferSize is < 16 or > MaxEventBufferSize)
            errors.Add($"Gpio:EventBufferSize: {o.Gpio.EventBufferSize} is outside 16..{MaxEventBufferSize} (the kernel's cap)");

        var lineUse = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (door, d) in o.Doors)
        {
            var key = $"Doors:{door}";
            RequireTopicName(errors, key, door);
            if (d.GrantTime < MinGrantTime || d.GrantTime > MaxGrantTime)
                errors.Add($"{key}:GrantTime: {d.GrantTime} is outside {MinGrantTime:c}..{MaxGrantTime:c}");
            ClaimLine(errors, lineUse, $"{key}:Strike:Line", d.Strike.Line);
            foreach (var (input, settings) in new[] { ("Dps", d.Dps), ("Rex", d.Rex), ("Tamper", d.Tamper) })
            {
                if (settings is not null)
                    CheckInput(errors, lineUse, $"{key}:{input}", settings);
            }
        }
        var site = new List<CardFormat>();
        foreach (var (name, format) in o.CardFormats)
        {
            RequireTopicName(errors, $"CardFormats:{name}", name);
            if (CardFormatBinding.TryBuild(name, format, errors) is { } built)
                site.Add(built);
        }
        var catalog = new CardFormatCatalog(site);
        foreach (var (aux, a) in o.AuxInputs)
        {
            RequireTopicName(errors, $"AuxInputs:{aux}", aux);
            CheckInput(errors, lineUse, $"AuxInputs:{aux}:Input", a.Input);
        }
        RuleConfiguration.Check(o, errors);
        foreach (var (reader, r) in o.Readers)
        {
            var key = $"Readers:{reader}";
            RequireTopicName(errors, key, reader);
            if (!o.Doors.ContainsKey(r.Door))
                errors.Add($"{key}:Door: '{r.Door}' is not a configured door (doors: {Names(o.Doors.Keys)})");
            if (r.Kind == ReaderKind.Osdp)
            {
                OsdpReaderCheck.Check(errors, key, reader, r, o.Readers);
            }
            else if (r.Kind == ReaderKind.MatrixKeypad)
            {
                MatrixKeypadCheck.Check(errors, lineUse, key, r);
            }
            else if (r.Kind == ReaderKind.Nfc)
            {
                NfcReaderCheck.Check(errors, key, r, catalog);
                if (r.ResetLine is { } reset)
                    ClaimLine(errors, lineUse, $"{key}:ResetLine", reset);
            }
            else
            {
                ClaimLine(errors, lineUse, $"{key}:D0", r.D0);
                ClaimLine(errors, lineUse, $"{key}:D1", r.D1);
            }
            if (r.Kind != ReaderKind.MatrixKeypad)
                MatrixKeypadCheck.CheckNotMatrix(errors, key, r);
            if (!Enum.IsDefined(r.Kind))
                errors.Add($"{key}:Kind: must be Card, Biometric, Keypad, Osdp, Nfc or MatrixKeypad");
            NfcReaderCheck.CheckNotUid(errors, key, r);
            for (var i = 0; i < r.Formats.Count; i++)
            {
                if (catalog.Find(r.Formats[i]) is null)
                    errors.Add($"{key}:Formats:{i}: '{r.Formats[i]}' is not a known card format ({Names(catalog.All.Select(f => f.Name))})");
            }
            if (r.PinTimeout < TimeSpan.FromSeconds(1) || r.PinTimeout > TimeSpan.FromMinutes(1))
                errors.Add($"{key}:PinTimeout: {r.PinTimeout} is outside 00:00:01..00:01:00");
            if (r.PinMaxDigits is < 4 or > 16)
                errors.Add($"{key}:PinMaxDigits: {r.PinMaxDigits} is outside 4..16");
            CheckFeedback(errors, lineUse, key, r.Feedback);
        }
        ExpanderConfiguration.Check(o, errors, lineUse);
        CheckInstaller(errors, o.Installer);
        if (o.Credentials.SeedCsv is { Length: > 0 } seed && !File.Exists(seed))
            errors.Add($"Credentials:SeedCsv: the file '{seed}' does not exist");
        CheckPinIndexKey(errors, o);
        if (o.Credentials.MaxAge is { } maxAge && maxAge < TimeSpan.FromMinutes(1))
            errors.Add($"Credentials:MaxAge: {maxAge} is shorter than 00:01:00");
        if (o.Credentials.SnapshotTimeout < TimeSpan.FromSeconds(10) || o.Credentials.SnapshotTimeout > TimeSpan.FromHours(24))
            errors.Add($"Credentials:SnapshotTimeout: {o.Credentials.SnapshotTimeout} is outside 00:00:10..1.00:00:00");
        if (o.Credentials.SyncMemoryBytes is < 256 * 1024 or > 256L * 1024 * 1024)
            errors.Add($"Credentials:SyncMemoryBytes: {o.Credentials.SyncMemoryBytes} is outside 262144..268435456");
        if (o.Credentials.RequireSignedSync == true && !(o.Commands.Enabled && o.Commands.Keys.Any(k => !k.Value.Revoked)))
            errors.Add("Credentials:RequireSignedSync: true, but no sync could ever be authorised: configure Commands:Keys (with Commands:Enabled true), or set it false to accept unsigned sync (anyone who can publish to {root}/sync/credentials could then replace the credential list)");
        RemoteCommands.CommandOptionsValidator.Check(errors, o.Commands);
        if (o.Logs.FileSizeLimitBytes < 64 * 1024)
            errors.Add("Logs:FileSizeLimitBytes: must be at least 65536");
        if (o.Logs.RetainedFileCount < 1)
            errors.Add("Logs:RetainedFileCount: must be at least 1");
        CheckVideo(errors, o);
        return errors;
    }

    /// <summary>A door that admits by PIN alone finds the person through the PIN directory, which needs the key; the
    /// key's value never appears in a message.</summary>
    private static void CheckPinIndexKey(List<string> errors, EdgeOptions o)
    {
        if (!string.IsNullOrEmpty(o.Credentials.PinIndexKey))
        {
            if (Core.Access.PinIndexKey.TryParse(o.Credentials.PinIndexKey, out var problem) is null)
                errors.Add($"Credentials:PinIndexKey: {problem}");
            return;
        }
        foreach (var (door, d) in o.Doors)
        {
            if (d.PinAloneModes().ToList() is [var pinMode, ..])
                errors.Add($"Doors:{door}:Mode: {pinMode} admits by PIN alone, which needs Credentials:PinIndexKey (base64, at least 32 bytes; e.g. head -c 32 /dev/urandom | base64)");
        }
    }

    private static void CheckFeedback(List<string> errors, Dictionary<string, string> lineUse, string key, ReaderFeedbackOptions f)
    {
        if (f.Led is not null && (f.GreenLed is not null || f.RedLed is not null))
            errors.Add($"{key}:Feedback:Led: wire either one LED line (Led) or GreenLed/RedLed, not both");
        foreach (var (name, line) in new[] { ("Led", f.Led), ("GreenLed", f.GreenLed), ("RedLed", f.RedLed), ("Beeper", f.Beeper) })
        {
            if (line is not null)
                ClaimLine(errors, lineUse, $"{key}:Feedback:{name}", line);
        }
        CardFormatBinding.Patterns(key, f, errors);
    }

    private static void CheckVideo(List<string> errors, EdgeOptions o)
    {
        foreach (var (camera, c) in o.Cameras)
        {
            var key = $"Cameras:{camera}";
            RequireTopicName(errors, key, camera);
            if (!Uri.TryCreate(c.Url, UriKind.Absolute, out var url) || url.Scheme is not ("rtsp" or "rtsps"))
                errors.Add($"{key}:Url: '{UrlRedaction.Redact(c.Url)}' is not an rtsp:// URL");
            foreach (var door in c.Doors.Where(d => !o.Doors.ContainsKey(d)))
                errors.Add($"{key}:Doors: '{door}' is not a configured door (doors: {Names(o.Doors.Keys)})");
            if (c.PreRoll < TimeSpan.Zero || c.PreRoll > MaxRoll)
                errors.Add($"{key}:PreRoll: {c.PreRoll} is outside 00:00:00..{MaxRoll}");
            if (c.PostRoll < TimeSpan.Zero || c.PostRoll > MaxRoll)
                errors.Add($"{key}:PostRoll: {c.PostRoll} is outside 00:00:00..{MaxRoll}");
            if (c.Triggers.Any(string.IsNullOrWhiteSpace))
                errors.Add($"{key}:Triggers: an entry is empty; list event types (e.g. access.denied, alarm.*)");
            CheckEvidence(errors, key, c.Evidence);
        }
        if (o.Cameras.Count == 0)
            return;
        var v = o.Video;
        if (string.IsNullOrWhiteSpace(v.RingDirectory))
            errors.Add("Video:RingDirectory: is empty; set a folder, preferably on tmpfs (e.g. /dev/shm/mailroom-edge/ring)");
        if (!File.Exists(v.FfmpegPath))
            errors.Add($"Video:FfmpegPath: '{v.FfmpegPath}' does not exist; install ffmpeg (apt-get install ffmpeg)");
        if (v.SegmentLength < TimeSpan.FromSeconds(0.5) || v.SegmentLength > TimeSpan.FromSeconds(10))
            errors.Add($"Video:SegmentLength: {v.SegmentLength} is outside 00:00:00.5..00:00:10");
        if (v.RtspTimeout < TimeSpan.FromSeconds(1))
            errors.Add($"Video:RtspTimeout: {v.RtspTimeout} is shorter than 00:00:01");
        if (v.StallTimeout <= v.SegmentLength * 2)
            errors.Add($"Video:StallTimeout: {v.StallTimeout} must exceed two segments (and the camera's keyframe interval)");
        if (v.RestartDelayMin < TimeSpan.FromMilliseconds(100) || v.RestartDelayMax < v.RestartDelayMin)
            errors.Add("Video:RestartDelayMin/Max: need 00:00:00.1 <= RestartDelayMin <= RestartDelayMax");
        if (v.RingSeconds is < 0 or > ClipArguments.MaxSeconds)
            errors.Add($"Video:RingSeconds: {v.RingSeconds} is outside 0..{ClipArguments.MaxSeconds} (the clip command's limit)");
        if (v.ClipQuotaBytes < 1024 * 1024)
            errors.Add($"Video:ClipQuotaBytes: {v.ClipQuotaBytes} is less than 1 MiB");
        if (v.ClipMaxAge <= TimeSpan.Zero)
            errors.Add($"Video:ClipMaxAge: {v.ClipMaxAge} must be positive");
        if (v.MinFreeBytes < 0)
            errors.Add($"Video:MinFreeBytes: {v.MinFreeBytes} is negative");
        if (!(v.HeldQuotaWarningShare is > 0 and <= 1))
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"Video:HeldQuotaWarningShare: {v.HeldQuotaWarningShare} is outside 0 (exclusive)..1; it is a share of Video:ClipQuotaBytes, e.g. 0.5"));
        if (v.ChunkBytes is < 16 * 1024 or > 8 * 1024 * 1024)
            errors.Add($"Video:ChunkBytes: {v.ChunkBytes} is outside 16384..8388608");
        // Shorter would resend manifests faster than a server can check a large clip; longer strands a clip whose ack was lost.
        if (v.AckTimeout < TimeSpan.FromSeconds(10) || v.AckTimeout > TimeSpan.FromDays(1))
            errors.Add($"Video:AckTimeout: {v.AckTimeout} is outside 00:00:10..1.00:00:00");
    }

    private static void CheckEvidence(List<string> errors, string key, CameraEvidenceOptions e)
    {
        // Categories are matched exactly against credentials whose names follow CredentialCategory: a name outside those
        // rules (capitals, spaces, control characters) could never match and would silently photograph nothing.
        foreach (var category in e.Categories)
        {
            if (Core.Access.CredentialCategory.Problem(category) is { } problem)
                errors.Add($"{key}:Evidence:Categories: '{category.ReplaceLineEndings(" ")}' can never match a credential: {problem}");
        }
        if (e.Clip && e.Categories.Count == 0)
            errors.Add($"{key}:Evidence:Clip: is true but Evidence:Categories is empty; list the categories whose decisions get a clip (e.g. delivery)");
    }

    private static void CheckMqtt(List<string> errors, MqttOptions m)
    {
        if (string.IsNullOrWhiteSpace(m.Host))
            errors.Add("Mqtt:Host: is empty; set the broker's host name or address");
        if (m.Port is < 1 or > 65535)
            errors.Add($"Mqtt:Port: {m.Port} is not a TCP port (1..65535)");
        if (m.ProtocolVersion is not (4 or 5))
            errors.Add($"Mqtt:ProtocolVersion: {m.ProtocolVersion} must be 5 (MQTT 5) or 4 (MQTT 3.1.1)");
        if (m.KeepAlive < TimeSpan.FromSeconds(5) || m.KeepAlive > TimeSpan.FromHours(18))
            errors.Add($"Mqtt:KeepAlive: {m.KeepAlive} is outside 00:00:05..18:00:00");
        if (m.ReconnectDelayMin < TimeSpan.FromMilliseconds(100) || m.ReconnectDelayMax < m.ReconnectDelayMin)
            errors.Add("Mqtt:ReconnectDelayMin/Max: need 00:00:00.1 <= ReconnectDelayMin <= ReconnectDelayMax");
        if (m.InflightWindow is < 1 or > 65535)
            errors.Add($"Mqtt:InflightWindow: {m.InflightWindow} is outside 1..65535");
        if (m.ReconnectJitter is < 0 or > 1)
            errors.Add($"Mqtt:ReconnectJitter: {m.ReconnectJitter} is outside 0..1");
        if (m.SessionExpiry < TimeSpan.Zero || m.SessionExpiry.TotalSeconds > uint.MaxValue)
            errors.Add($"Mqtt:SessionExpiry: {m.SessionExpiry} is outside 00:00:00..{TimeSpan.FromSeconds(uint.MaxValue)}");
        if (m.RepublishAfter < TimeSpan.FromSeconds(1))
            errors.Add($"Mqtt:RepublishAfter: {m.RepublishAfter} must be at least 00:00:01");
        if (m.HealthInterval < TimeSpan.Zero || (m.HealthInterval > TimeSpan.Zero && m.HealthInterval < TimeSpan.FromSeconds(1)))
            errors.Add($"Mqtt:HealthInterval: {m.HealthInterval} must be 00:00:00 (off) or at least 00:00:01");
        CheckTls(errors, m.Tls);
    }

    private static void CheckOutbox(List<string> errors, OutboxOptions b)
    {
        if (b.MaxRows < 1000)
            errors.Add($"Outbox:MaxRows: {b.MaxRows} must be at least 1000");
        if (b.MaxBytes < 1024 * 1024)
            errors.Add($"Outbox:MaxBytes: {b.MaxBytes} must be at least 1048576 (1 MiB)");
        if (b.ReplayMaxAge < TimeSpan.Zero)
            errors.Add("Outbox:ReplayMaxAge: must not be negative");
        if (b.ReplayMaxBytes < 0 || b.ReplayMaxBytes > b.MaxBytes)
            errors.Add($"Outbox:ReplayMaxBytes: {b.ReplayMaxBytes} must be within 0..Outbox:MaxBytes ({b.MaxBytes})");
        if (b.OverflowReportInterval < TimeSpan.Zero || b.OverflowReportInterval > TimeSpan.FromHours(1))
            errors.Add($"Outbox:OverflowReportInterval: {b.OverflowReportInterval} is outside 00:00:00..01:00:00");
        if (b.MaxHeldInMemory is < 0 or > 1_000_000)
            errors.Add($"Outbox:MaxHeldInMemory: {b.MaxHeldInMemory} is outside 0..1000000");
    }

    private static void CheckTls(List<string> errors, MqttTlsOptions t)
    {
        if (!t.Enabled)
            return;
        if (t.CaFile is null && t.CaPath is null && !t.UseOsCertificates)
            errors.Add("Mqtt:Tls: set CaFile, CaPath or UseOsCertificates=true to say which CA signs the broker's certificate");
        if ((t.CertFile is null) != (t.KeyFile is null))
            errors.Add("Mqtt:Tls:CertFile/KeyFile: set both for mutual TLS, or neither");
        foreach (var (key, file) in new[] { ("CaFile", t.CaFile), ("CertFile", t.CertFile), ("KeyFile", t.KeyFile) })
        {
            if (file is not null && !File.Exists(file))
                errors.Add($"Mqtt:Tls:{key}: the file '{file}' does not exist");
        }
        if (t.CaPath is not null && !Directory.Exists(t.CaPath))
            errors.Add($"Mqtt:Tls:CaPath: the folder '{t.CaPath}' does not exist");
    }

    private static void CheckInput(List<string> errors, Dictionary<string, string> lineUse, string key, InputLineOptions input)
    {
        ClaimLine(errors, lineUse, $"{key}:Line", input.Line);
        if (input.Debounce > MaxDebounce)
            errors.Add($"{key}:Debounce: {input.Debounce} is longer than the kernel's limit {MaxDebounce:c}");
    }

    internal static void ClaimLine(List<string> errors, Dictionary<string, string> used, string key, string line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            errors.Add($"{key}: is empty; name a GPIO line (e.g. GPIO17) or its offset");
            return;
        }
        if (used.TryGetValue(line.Trim(), out var other))
            errors.Add($"{key}: line '{line}' is already used by {other}");
        else
            used[line.Trim()] = key;
    }

    private static void RequireTopicName(List<string> errors, string key, string value)
    {
        if (!TopicName().IsMatch(value ?? ""))
            errors.Add($"{key}: '{value}' must be 1-64 characters of a-z, A-Z, 0-9, '-' or '_' (it is part of MQTT topics)");
    }

    private static string Names(IEnumerable<string> names)
    {
        var list = string.Join(", ", names);
        return list.Length == 0 ? "none" : list;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex TopicName();

    private static void CheckInstaller(List<string> errors, InstallerOptions installer)
    {
        if (!System.Net.IPEndPoint.TryParse(installer.Bind, out var bind) || bind.Port == 0 && !installer.Bind.EndsWith(":0", StringComparison.Ordinal))
            errors.Add($"Installer:Bind: '{installer.Bind}' must be ADDRESS:PORT, e.g. 0.0.0.0:8443 or [::]:8443");
        var certificate = installer.CertificateFile is { Length: > 0 };
        var key = installer.CertificateKeyFile is { Length: > 0 };
        if (certificate != key)
            errors.Add("Installer:CertificateFile and Installer:CertificateKeyFile go together: give both (PEM) or neither (the device makes its own)");
        foreach (var (name, file) in new[] { ("CertificateFile", installer.CertificateFile), ("CertificateKeyFile", installer.CertificateKeyFile) })
        {
            if (file is { Length: > 0 } && !File.Exists(file))
                errors.Add($"Installer:{name}: the file '{file}' does not exist");
        }
    }
}
