using Mailroom.Edge.Core.Access;

namespace Mailroom.Edge.Storage.Credentials;

/// <summary>
/// One credential's columns as they are about to be stored, text as spans over a caller's buffer: a sync message's
/// rows are checked and written into a <see cref="CredentialLine"/> through it without a string or an object per row
/// (a 2,000,000-row snapshot made 400 MB of them, and the GC pauses they cost stop the door decisions too).
/// Empty text means NULL; <see cref="Groups"/> is the access groups joined by <c>;</c>.
/// </summary>
internal ref struct CredentialFields
{
    public ReadOnlySpan<char> Format;
    public uint? Facility;
    public ulong Number;
    public ReadOnlySpan<char> Holder;
    public bool Enabled;
    public DateTimeOffset? ValidFrom;
    public DateTimeOffset? ValidUntil;
    public bool Responder;
    public ReadOnlySpan<char> Groups;
    public ReadOnlySpan<char> PinHash;
    public ReadOnlySpan<char> DuressPinHash;
    public bool ExtendedGrant;
    public bool LockdownKey;
    public ReadOnlySpan<char> PinIndex;
    public ReadOnlySpan<char> DuressPinIndex;
    public ReadOnlySpan<char> Category;
    public int? MaxUses;
    public ReadOnlySpan<char> Schedule;

    /// <summary>The fields of <paramref name="c"/>; its groups are joined into <paramref name="groups"/>, grown if needed.</summary>
    public static CredentialFields Of(EnrolledCredential c, ref char[] groups) => new()
    {
        Format = c.Format,
        Facility = c.Facility,
        Number = c.Number,
        Holder = c.Holder,
        Enabled = c.Enabled,
        ValidFrom = c.ValidFrom,
        ValidUntil = c.ValidUntil,
        Responder = c.Responder,
        Groups = Join(c.Groups, ref groups),
        PinHash = c.PinHash,
        DuressPinHash = c.DuressPinHash,
        ExtendedGrant = c.ExtendedGrant,
        LockdownKey = c.LockdownKey,
        PinIndex = c.PinIndex,
        DuressPinIndex = c.DuressPinIndex,
        Category = c.Category,
        MaxUses = c.MaxUses,
        Schedule = c.Schedule,
    };

    /// <summary>The same credential as an object, for the few rows (a delta's) that are kept as such.</summary>
    public readonly EnrolledCredential ToCredential() =>
        new(Format.ToString(), Facility, Number, OrNull(Holder), Enabled, ValidFrom, ValidUntil)
        {
            Responder = Responder,
            Groups = Groups.IsEmpty ? [] : Groups.ToString().Split(';'),
            PinHash = OrNull(PinHash),
            DuressPinHash = OrNull(DuressPinHash),
            ExtendedGrant = ExtendedGrant,
            LockdownKey = LockdownKey,
            PinIndex = OrNull(PinIndex),
            DuressPinIndex = OrNull(DuressPinIndex),
            Category = OrNull(Category),
            MaxUses = MaxUses,
            Schedule = OrNull(Schedule),
        };

    private static string? OrNull(ReadOnlySpan<char> text) => text.IsEmpty ? null : text.ToString();

    private static ReadOnlySpan<char> Join(IReadOnlyList<string> groups, ref char[] buffer)
    {
        var length = 0;
        foreach (var group in groups)
            length += group.Length + 1;
        if (length > buffer.Length)
            buffer = new char[Math.Max(length, buffer.Length * 2)];
        var written = 0;
        for (var i = 0; i < groups.Count; i++)
        {
            if (i > 0)
                buffer[written++] = ';';
            groups[i].CopyTo(buffer.AsSpan(written));
            written += groups[i].Length;
        }
        return buffer.AsSpan(0, written);
    }
}
