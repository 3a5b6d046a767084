using System.Globalization;
using Mailroom.Edge.Core.Access;

namespace Mailroom.Edge.Storage.Credentials;

/// <summary>
/// Reads and writes the installer's credential CSV: a header line
/// <c>format,facility,number,holder,enabled,valid_from,valid_until,responder</c> (the first files had no
/// <c>responder</c> column; that header is still read), then one card per line. facility may be empty (formats without
/// one), enabled and responder are true/false (empty = true and false), validity times are ISO 8601 or empty. The
/// <see cref="RulesHeader"/> form adds <c>access_groups</c> (names separated by <c>;</c>), <c>pin_hash</c> and
/// <c>duress_pin_hash</c> (PBKDF2 strings as <see cref="PinHash"/> writes them — the file never holds a PIN), and the
/// true/false flags <c>extended_grant</c> and <c>lockdown_key</c>; the <see cref="FullHeader"/> form adds the PIN
/// directory's <c>pin_index</c> and <c>duress_pin_index</c> (64 hex digits each, from <c>mailroom-edge credentials
/// hash-pin</c> or the server, with the site's <c>Credentials:PinIndexKey</c>); the <see cref="DeliveryHeader"/> form adds
/// delivery access: <c>category</c> (<see cref="CredentialCategory"/>), <c>max_uses</c> (a whole number ≥ 1, empty for
/// no limit) and <c>schedule</c> (a configured schedule's name). A field
/// holding a comma or a quote is quoted with double quotes (RFC 4180). Every bad row is reported with its line number
/// and nothing is returned unless every row is good, so nothing is half-imported.
/// </summary>
public static class CredentialCsv
{
    public const string Header = "format,facility,number,holder,enabled,valid_from,valid_until,responder";

    /// <summary>The header with the access-rule columns (files written before the PIN directory).</summary>
    public const string RulesHeader = Header + ",access_groups,pin_hash,duress_pin_hash,extended_grant,lockdown_key";

    /// <summary>The header with the PIN directory's columns (files written before delivery access).</summary>
    public const string FullHeader = RulesHeader + ",pin_index,duress_pin_index";

    /// <summary>The current header, with delivery access; <see cref="Write"/> writes this one.</summary>
    public const string DeliveryHeader = FullHeader + ",category,max_uses,schedule";

    /// <summary>The header of the first files, without <c>responder</c>.</summary>
    public const string HeaderWithoutResponder = "format,facility,number,holder,enabled,valid_from,valid_until";

    /// <summary>Writes <paramref name="credentials"/> in the import format (header first); returns the row count.</summary>
    public static long Write(TextWriter writer, IEnumerable<EnrolledCredential> credentials)
    {
        writer.WriteLine(DeliveryHeader);
        long rows = 0;
        foreach (var c in credentials)
        {
            writer.Write(Quote(c.Format));
            writer.Write(',');
            writer.Write(c.Facility?.ToString(CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write(c.Number.ToString(CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write(Quote(c.Holder ?? ""));
            writer.Write(c.Enabled ? ",true," : ",false,");
            writer.Write(c.ValidFrom is { } from ? CredentialRows.Time(from) : "");
            writer.Write(',');
            writer.Write(c.ValidUntil is { } until ? CredentialRows.Time(until) : "");
            writer.Write(c.Responder ? ",true," : ",false,");
            writer.Write(Quote(string.Join(';', c.Groups)));
            writer.Write(',');
            writer.Write(c.PinHash);
            writer.Write(',');
            writer.Write(c.DuressPinHash);
            writer.Write(c.ExtendedGrant ? ",true" : ",false");
            writer.Write(c.LockdownKey ? ",true," : ",false,");
            writer.Write(c.PinIndex);
            writer.Write(',');
            writer.Write(c.DuressPinIndex);
            writer.Write(',');
            writer.Write(c.Category);
            writer.Write(',');
            writer.Write(c.MaxUses?.ToString(CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.WriteLine(Quote(c.Schedule ?? ""));
            rows++;
        }
        return rows;
    }

    public static IReadOnlyList<EnrolledCredential> Parse(TextReader reader) => [.. ParseNumbered(reader).Select(r => r.Credential)];

    /// <summary>As <see cref="Parse"/>, with the line each credential came from (blank and comment lines are skipped,
    /// so the position in the list is not the line), for messages about rows that are fine alone but not together.</summary>
    public static IReadOnlyList<(EnrolledCredential Credential, int Line)> ParseNumbered(TextReader reader)
    {
        var credentials = new List<(EnrolledCredential, int)>();
        var errors = new List<string>();
        var lineNumber = 0;
        var seen = new HashSet<(string, uint?, ulong)>();
        var columns = 8;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (lineNumber == 1)
            {
                if (string.Equals(line.Trim(), HeaderWithoutResponder, StringComparison.OrdinalIgnoreCase))
                    columns = 7;
                else if (string.Equals(line.Trim(), RulesHeader, StringComparison.OrdinalIgnoreCase))
                    columns = 13;
                else if (string.Equals(line.Trim(), FullHeader, StringComparison.OrdinalIgnoreCase))
                    columns = 15;
                else if (string.Equals(line.Trim(), DeliveryHeader, StringComparison.OrdinalIgnoreCase))
                    columns = 18;
                else if (!string.Equals(line.Trim(), Header, StringComparison.OrdinalIgnoreCase))
                    errors.Add($"line 1: the header must be '{DeliveryHeader}' (or an older one: '{Header}', '{RulesHeader}', '{FullHeader}')");
                continue;
            }
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#'))
                continue;
            var row = ParseRow(line, columns, out var problem);
            if (row is null)
                errors.Add($"line {lineNumber}: {problem}");
            else if (!seen.Add((row.Format, row.Facility, row.Number)))
                errors.Add($"line {lineNumber}: {row.Format} facility {row.Facility} number {row.Number} is listed twice");
            else
                credentials.Add((row, lineNumber));
        }
        if (lineNumber == 0)
            errors.Add($"the file is empty; the first line must be '{Header}'");
        if (errors.Count > 0)
            throw new CredentialImportException(errors);
        return credentials;
    }

    private static EnrolledCredential? ParseRow(string line, int columns, out string problem)
    {
        var f = SplitFields(line);
        // With the responder column in the header a row may still leave it out (files written for the first header).
        if (f is null || (f.Count != columns && !(columns == 8 && f.Count == 7)))
        {
            problem = f is null ? "a quoted field is not closed" : $"expected {columns} fields, found {f.Count}";
            return null;
        }
        problem = "";
        var format = f[0].Trim();
        if (format.Length == 0)
            problem = "format is empty";
        else if (format.Any(char.IsControl))
            problem = "format contains a control character (such as a tab)";
        uint? facility = null;
        if (f[1].Trim().Length > 0)
        {
            if (uint.TryParse(f[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var fac))
                facility = fac;
            else
                problem = $"facility '{f[1].Trim()}' is not a whole number";
        }
        if (!ulong.TryParse(f[2].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            problem = $"number '{f[2].Trim()}' is not a whole number";
        var holder = f[3].Trim().Length > 0 ? f[3].Trim() : null;
        // The content hash separates fields by TAB and rows by LF: no control character may appear in a field.
        if (holder is not null && holder.Any(char.IsControl))
            problem = "holder contains a control character (such as a tab)";
        var enabled = true;
        if (f[4].Trim().Length > 0 && !bool.TryParse(f[4].Trim(), out enabled))
            problem = $"enabled '{f[4].Trim()}' must be true or false";
        var responder = false;
        if (f.Count > 7 && f[7].Trim().Length > 0 && !bool.TryParse(f[7].Trim(), out responder))
            problem = $"responder '{f[7].Trim()}' must be true or false";
        var from = ParseTime(f[5], "valid_from", ref problem);
        var until = ParseTime(f[6], "valid_until", ref problem);
        if (problem.Length == 0 && from is not null && until is not null && until <= from)
            problem = "valid_until is not after valid_from";
        var rules = columns >= 13 ? ParseRules(f, ref problem) : default;
        var (pinIndex, duressIndex) = columns >= 15 ? ParseIndexes(f[13], f[14], rules.PinHash, rules.DuressPinHash, ref problem) : default;
        var delivery = columns == 18 ? ParseDelivery(f, ref problem) : default;
        return problem.Length > 0 ? null : new EnrolledCredential(format, facility, number, holder, enabled, from, until)
        {
            Responder = responder,
            Groups = rules.Groups ?? [],
            PinHash = rules.PinHash,
            DuressPinHash = rules.DuressPinHash,
            ExtendedGrant = rules.ExtendedGrant,
            LockdownKey = rules.LockdownKey,
            PinIndex = pinIndex,
            DuressPinIndex = duressIndex,
            Category = delivery.Category,
            MaxUses = delivery.MaxUses,
            Schedule = delivery.Schedule,
        };
    }

    private static (string? Category, int? MaxUses, string? Schedule) ParseDelivery(List<string> f, ref string problem)
    {
        var category = f[15].Trim().Length > 0 ? f[15].Trim() : null;
        if (category is not null && CredentialCategory.Problem(category) is { } categoryProblem)
            problem = categoryProblem;
        int? maxUses = null;
        if (f[16].Trim().Length > 0)
        {
            if (int.TryParse(f[16].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var uses) && uses >= 1)
                maxUses = uses;
            else
                problem = $"max_uses '{f[16].Trim()}' must be a whole number of at least 1 (or empty for no limit)";
        }
        var schedule = f[17].Trim().Length > 0 ? f[17].Trim() : null;
        if (schedule is not null && schedule.Any(char.IsControl))
            problem = "schedule contains a control character (such as a tab)";
        return (category, maxUses, schedule);
    }

    private static (string? PinIndex, string? DuressPinIndex) ParseIndexes(string pin, string duress, string? pinHash, string? duressHash, ref string problem)
    {
        var pinIndex = PinIndexColumn.Parse(pin, "pin_index", pinHash, out var pinProblem);
        var duressIndex = PinIndexColumn.Parse(duress, "duress_pin_index", duressHash, out var duressProblem);
        if ((pinProblem ?? duressProblem) is { } found)
            problem = found;
        return (pinIndex, duressIndex);
    }

    private static (string[]? Groups, string? PinHash, string? DuressPinHash, bool ExtendedGrant, bool LockdownKey) ParseRules(List<string> f, ref string problem)
    {
        var groups = f[8].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (groups.Any(g => g.Any(char.IsControl)))
            problem = "access_groups contains a control character";
        var pin = f[9].Trim().Length > 0 ? f[9].Trim() : null;
        var duress = f[10].Trim().Length > 0 ? f[10].Trim() : null;
        foreach (var (name, hash) in new[] { ("pin_hash", pin), ("duress_pin_hash", duress) })
        {
            if (hash is not null && !PinHash.HasScheme(hash))
                problem = $"{name} must be a pbkdf2-sha256$… hash, never a PIN";
            else if (hash is not null && hash.Any(char.IsControl))
                problem = $"{name} contains a control character (such as a tab)";
        }
        var extended = false;
        if (f[11].Trim().Length > 0 && !bool.TryParse(f[11].Trim(), out extended))
            problem = $"extended_grant '{f[11].Trim()}' must be true or false";
        var lockdownKey = false;
        if (f[12].Trim().Length > 0 && !bool.TryParse(f[12].Trim(), out lockdownKey))
            problem = $"lockdown_key '{f[12].Trim()}' must be true or false";
        return (groups, pin, duress, extended, lockdownKey);
    }

    /// <summary>Splits one line on commas, honouring double-quoted fields (a quote inside is doubled); null when a
    /// quote is not closed.</summary>
    private static List<string>? SplitFields(string line)
    {
        var fields = new List<string>(8);
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"')
                    field.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"')
                    field.Append(line[++i]);
                else
                    quoted = false;
            }
            else if (c == '"')
                quoted = true;
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
                field.Append(c);
        }
        fields.Add(field.ToString());
        return quoted ? null : fields;
    }

    private static string Quote(string text) =>
        text.Contains(',', StringComparison.Ordinal) || text.Contains('"', StringComparison.Ordinal)
            ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : text;

    private static DateTimeOffset? ParseTime(string text, string field, ref string problem)
    {
        text = text.Trim();
        if (text.Length == 0)
            return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
            return time;
        problem = $"{field} '{text}' is not an ISO 8601 time";
        return null;
    }
}
