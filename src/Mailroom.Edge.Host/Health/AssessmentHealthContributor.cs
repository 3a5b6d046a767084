using System.Text.Json;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Host.Assessment;
using Mailroom.Edge.Host.Configuration;

namespace Mailroom.Edge.Host.Health;

/// <summary>
/// Adds the security self-assessment's counts to <c>{root}/health</c> (<c>assessment</c>: <c>high</c>, <c>medium</c>,
/// <c>low</c>), so the central side sees a site that weakened itself (a key file made readable, a clock that lost NTP)
/// without running <c>assess</c> on it. Assessed again at most every <see cref="Refresh"/>: it stats a few files.
/// The agent does not know which file its configuration came from, so the site file's default path is checked.
/// </summary>
public sealed class AssessmentHealthContributor(EdgeOptions options, ICredentialListInfo list, TimeProvider time) : IHealthContributor
{
    public static readonly TimeSpan Refresh = TimeSpan.FromMinutes(10);

    private (int High, int Medium, int Low) _counts;
    private long _assessedAt;
    private bool _assessed;

    public void WriteHealth(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var now = time.GetTimestamp();
        if (!_assessed || time.GetElapsedTime(_assessedAt, now) >= Refresh)
        {
            _counts = SiteAssessment.Count(SiteFactsProbe.AssessNow(options, null, time, list.Status));
            (_assessedAt, _assessed) = (now, true);
        }
        json.WriteStartObject("assessment");
        json.WriteNumber("high", _counts.High);
        json.WriteNumber("medium", _counts.Medium);
        json.WriteNumber("low", _counts.Low);
        json.WriteEndObject();
    }
}
