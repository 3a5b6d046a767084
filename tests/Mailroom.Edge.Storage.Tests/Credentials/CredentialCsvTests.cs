using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Storage.Credentials;
using Xunit;

namespace Mailroom.Edge.Storage.Tests.Credentials;

public class CredentialCsvTests
{
    private static IReadOnlyList<Core.Access.EnrolledCredential> Parse(params string[] lines) =>
        CredentialCsv.Parse(new StringReader(string.Join('\n', lines)));

    [Fact]
    public void A_good_file_is_read_with_every_column()
    {
        var rows = Parse(
            CredentialCsv.Header,
            "H10301,42,1001,Ada Lovelace,true,,",
            "# a comment",
            "",
            "H10302,,123456789,,false,2026-01-01T00:00:00Z,2027-01-01T00:00:00Z");

        Assert.Equal(2, rows.Count);
        Assert.Equal(("H10301", (uint?)42, 1001ul, "Ada Lovelace", true), (rows[0].Format, rows[0].Facility, rows[0].Number, rows[0].Holder, rows[0].Enabled));
        Assert.Null(rows[1].Facility);
        Assert.False(rows[1].Enabled);
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), rows[1].ValidUntil);
    }

    [Fact]
    public void Every_bad_row_is_reported_with_its_line_number()
    {
        var error = Assert.Throws<CredentialImportException>(() => Parse(
            CredentialCsv.Header,
            "H10301,42,1001,Ada,true,,",
            "H10301,x,1002,Bob,true,,",
            "H10301,42,1003,Eve,maybe,,",
            "H10301,42,1004,Mallory,true,,",
            "H10301,42,1001,Ada again,true,,",
            "H10301,42,1005,Trudy,true,2027-01-01,2026-01-01",
            "H10301,42"));

        Assert.Equal(
        [
            "line 3: facility 'x' is not a whole number",
            "line 4: enabled 'maybe' must be true or false",
            "line 6: H10301 facility 42 number 1001 is listed twice",
            "line 7: valid_until is not after valid_from",
            "line 8: expected 8 fields, found 2",
        ], error.Errors);
    }

    [Fact]
    public void The_delivery_columns_are_read_written_and_read_again()
    {
        var rows = Parse(
            CredentialCsv.DeliveryHeader,
            "H10301,42,5002,Courier,true,,,false,carriers,,,false,false,,,delivery,1,delivery-window",
            "H10301,42,1001,Ada,true,,,false,staff,,,false,false,,,,,");

        Assert.Equal(("delivery", (int?)1, "delivery-window"), (rows[0].Category, rows[0].MaxUses, rows[0].Schedule));
        Assert.Equal((null, null, null), (rows[1].Category, rows[1].MaxUses, rows[1].Schedule));
        var written = new StringWriter();
        CredentialCsv.Write(written, rows);
        Assert.Equal(rows, CredentialCsv.Parse(new StringReader(written.ToString())), new KeyAndDeliveryComparer());
    }

    [Fact]
    public void Bad_delivery_columns_are_reported_with_their_line_numbers()
    {
        var error = Assert.Throws<CredentialImportException>(() => Parse(
            CredentialCsv.DeliveryHeader,
            "H10301,42,1,A,true,,,false,,,,false,false,,,Delivery,,",
            "H10301,42,2,B,true,,,false,,,,false,false,,,delivery,0,",
            "H10301,42,3,C,true,,,false,,,,false,false,,,delivery,many,"));

        Assert.Equal(
        [
            "line 2: category may hold only lower-case letters, digits, '_' and '-'",
            "line 3: max_uses '0' must be a whole number of at least 1 (or empty for no limit)",
            "line 4: max_uses 'many' must be a whole number of at least 1 (or empty for no limit)",
        ], error.Errors);
    }

    [Fact]
    public void The_shipped_delivery_window_credentials_import()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "Mailroom.Edge.sln")))
            dir = dir.Parent;
        using var file = File.OpenText(Path.Combine(dir.FullName, "config", "delivery-window.credentials.csv"));

        var rows = CredentialCsv.Parse(file);

        Assert.Equal([null, null, 1], rows.Select(r => r.MaxUses));
        Assert.Equal(["staff", "delivery", "delivery"], rows.Select(r => r.Category));
    }

    private sealed class KeyAndDeliveryComparer : IEqualityComparer<EnrolledCredential>
    {
        public bool Equals(EnrolledCredential? x, EnrolledCredential? y) =>
            (x!.Format, x.Facility, x.Number, x.Category, x.MaxUses, x.Schedule) == (y!.Format, y.Facility, y.Number, y.Category, y.MaxUses, y.Schedule);

        public int GetHashCode(EnrolledCredential obj) => obj.Number.GetHashCode();
    }

    [Fact]
    public void A_wrong_header_is_refused()
    {
        var error = Assert.Throws<CredentialImportException>(() => Parse("card,number", "H10301,42,1,,,,"));

        Assert.StartsWith("line 1: the header must be", error.Errors[0]);
    }

    [Fact]
    public void The_responder_column_and_quoted_holders_are_read_and_the_first_header_still_works()
    {
        var rows = Parse(
            CredentialCsv.Header,
            "H10301,42,1,\"Lovelace, Ada\",true,,,true",
            "H10301,42,2,\"Say \"\"hi\"\"\",,,,");

        Assert.Equal([("Lovelace, Ada", true), ("Say \"hi\"", false)], rows.Select(r => (r.Holder!, r.Responder)));
        Assert.False(Assert.Single(Parse(CredentialCsv.HeaderWithoutResponder, "H10301,42,3,x,true,,")).Responder);
    }

    [Fact]
    public void Export_writes_what_import_reads()
    {
        Core.Access.EnrolledCredential[] cards =
        [
            new("H10301", 42, 1, "Lovelace, Ada", true, null, new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero))
            {
                Responder = true,
                Groups = ["mailroom", "night"],
                PinHash = Core.Access.PinHash.Hash("4711", iterations: 1000),
                ExtendedGrant = true,
            },
            new("RAW64", null, ulong.MaxValue, null, false, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), null),
        ];
        var text = new StringWriter();

        Assert.Equal(2, CredentialCsv.Write(text, cards));
        var parsed = CredentialCsv.Parse(new StringReader(text.ToString()));

        // Records compare lists by reference: compare the groups apart, everything else by value.
        Assert.Equal(cards.Select(c => c with { Groups = [] }), parsed.Select(c => c with { Groups = [] }));
        Assert.Equal(cards.Select(c => c.Groups), parsed.Select(c => c.Groups));
    }

    [Fact]
    public void A_tab_in_a_text_field_or_an_unclosed_quote_is_a_bad_row()
    {
        // The content hash separates fields by TAB: a CSV must not be able to put one inside a field either.
        var error = Assert.Throws<CredentialImportException>(() => Parse(CredentialCsv.Header, "H10301,42,1,a\tb,,,,", "H10301,42,2,\"open,,,,,", "H10\t301,42,3,,,,,"));

        Assert.Equal(
        [
            "line 2: holder contains a control character (such as a tab)",
            "line 3: a quoted field is not closed",
            "line 4: format contains a control character (such as a tab)",
        ], error.Errors);
    }
}
