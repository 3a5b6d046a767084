namespace Mailroom.Edge.Host.Assessment;

/// <summary>How much a finding weakens the site: <see cref="High"/> ones make <c>assess</c> exit 1.</summary>
public enum FindingSeverity
{
    Low,
    Medium,
    High,
}
