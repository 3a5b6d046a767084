using System.Globalization;
using Mailroom.Edge.Core.Access;

namespace Mailroom.Edge.Storage.Credentials;

/// <summary>
/// Reads the installer's credential CSV: a header line
/// <c>format,facility,number,holder,enabled,valid_from,valid_until</c>, then one card per line. facility may be empty
/// (formats without one), enabled is true/false (empty = true), validity times are ISO 8601 or empty. Every bad row is
/// reported with its line number and nothing is returned unless every row is good, so nothing is half-imported.
/// The <see cref="RulesHeader"/> form adds <c>access_groups</c> (names separated by <c>;</c>), <c>pin_hash</c> and
/// <c>duress_pin_hash</c> (PBKDF2 strings as <see cref="PinHash"/> writes them — the file never holds a PIN) and
/// <c>flags</c> (<c>responder</c>, <c>extended_grant</c>, <c>lockdown_key</c>, separated by <c>;</c>).
/// </summary>
public static class CredentialCsv
{
    public const string Header = "format,facility,number,holder,enabled,valid_from,valid_until";

    public const string RulesHeader = Header + ",access_groups,pin_hash,duress_pin_hash,flags";

    public static IReadOnlyList<EnrolledCredential> Parse(TextReader reader)
    {
        var credentials = new List<EnrolledCredential>();
        var errors = new List<string>();
        var lineNumber = 0;
        var seen = new HashSet<(string, uint?, ulong)>();
        var fields = 7;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (lineNumber == 1)
            {
                if (string.Equals(line.Trim(), RulesHeader, StringComparison.OrdinalIgnoreCase))
                    fields = 11;
                else if (!string.Equals(line.Trim(), Header, StringComparison.OrdinalIgnoreCase))
                    errors.Add($"line 1: the header must be '{Header}' or '{RulesHeader}'");
                continue;
            }
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#'))
                continue;
            var row = ParseRow(line, fields, out var problem);
            if (row is null)
                errors.Add($"line {lineNumber}: {problem}");
            else if (!seen.Add((row.Format, row.Facility, row.Number)))
                errors.Add($"line {lineNumber}: {row.Format} facility {row.Facility} number {row.Number} is listed twice");
            else
                credentials.Add(row);
        }
        if (lineNumber == 0)
            errors.Add($"the file is empty; the first line must be '{Header}'");
        if (errors.Count > 0)
            throw new CredentialImportException(errors);
        return credentials;
    }

    private static EnrolledCredential? ParseRow(string line, int fields, out string problem)
    {
        var f = line.Split(',');
        if (f.Length != fields)
        {
            problem = $"expected {fields} fields, found {f.Length}";
            return null;
        }
        problem = "";
        var format = f[0].Trim();
        if (format.Length == 0)
            problem = "format is empty";
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
        var enabled = true;
        if (f[4].Trim().Length > 0 && !bool.TryParse(f[4].Trim(), out enabled))
            problem = $"enabled '{f[4].Trim()}' must be true or false";
        var from = ParseTime(f[5], "valid_from", ref problem);
        var until = ParseTime(f[6], "valid_until", ref problem);
        if (problem.Length == 0 && from is not null && until is not null && until <= from)
            problem = "valid_until is not after valid_from";
        if (problem.Length > 0)
            return null;
        var credential = new EnrolledCredential(format, facility, number, holder, enabled, from, until);
        return fields == 7 ? credential : ParseRules(f, credential, out problem);
    }

    private static EnrolledCredential? ParseRules(string[] f, EnrolledCredential credential, out string problem)
    {
        problem = "";
        var pin = f[8].Trim().Length > 0 ? f[8].Trim() : null;
        var duress = f[9].Trim().Length > 0 ? f[9].Trim() : null;
        foreach (var (name, hash) in new[] { ("pin_hash", pin), ("duress_pin_hash", duress) })
        {
            if (hash is not null && !hash.StartsWith("pbkdf2-sha256$", StringComparison.Ordinal))
                problem = $"{name} must be a pbkdf2-sha256$… hash, never a PIN";
        }
        var flags = f[10].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var flag in flags.Where(x => x is not ("responder" or "extended_grant" or "lockdown_key")))
            problem = $"flag '{flag}' is not responder, extended_grant or lockdown_key";
        return problem.Length > 0 ? null : credential with
        {
            Groups = f[7].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            PinHash = pin,
            DuressPinHash = duress,
            Responder = flags.Contains("responder"),
            ExtendedGrant = flags.Contains("extended_grant"),
            LockdownKey = flags.Contains("lockdown_key"),
        };
    }

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
