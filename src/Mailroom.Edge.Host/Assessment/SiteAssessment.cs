using Mailroom.Edge.Host.Configuration;

namespace Mailroom.Edge.Host.Assessment;

/// <summary>
/// The security self-assessment of a site (issue #21, docs/security.md "Self-assessment"): findings with severity,
/// evidence and the fix, from the configuration and the device's live state. A pure function of both, so the command,
/// the health report and a test get the same answer.
/// </summary>
public static class SiteAssessment
{
    public static IReadOnlyList<Finding> Assess(EdgeOptions options, SiteFacts facts) =>
        [.. ReaderAndDoorFindings.Of(options, facts)
            .Concat(SiteFindings.Of(options, facts))
            .OrderByDescending(f => f.Severity)
            .ThenBy(f => f.Id, StringComparer.Ordinal)
            .ThenBy(f => f.Subject, StringComparer.Ordinal)];

    /// <summary>How many findings of each severity (for health and <c>config check</c>).</summary>
    public static (int High, int Medium, int Low) Count(IReadOnlyList<Finding> findings) =>
        (findings.Count(f => f.Severity == FindingSeverity.High),
         findings.Count(f => f.Severity == FindingSeverity.Medium),
         findings.Count(f => f.Severity == FindingSeverity.Low));
}
