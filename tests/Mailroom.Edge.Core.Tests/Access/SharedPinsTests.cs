using Mailroom.Edge.Core.Access;
using Xunit;

namespace Mailroom.Edge.Core.Tests.Access;

public sealed class SharedPinsTests
{
    private static EnrolledCredential Card(ulong number, string? pin, string? duress = null) =>
        new("H10301", 1, number, null, true, null, null) { PinIndex = pin, DuressPinIndex = duress };

    [Fact]
    public void Groups_credentials_by_shared_pin_or_duress_index_in_list_order()
    {
        var groups = SharedPins.Find([Card(0, "aa"), Card(1, "bb"), Card(2, "cc", duress: "bb"), Card(3, "AA"), Card(4, null), Card(5, "dd")]);

        Assert.Equal([[0, 3], [1, 2]], groups.Select(g => g.ToArray()));
    }

    [Fact]
    public void One_credential_whose_pin_and_duress_pin_are_alike_is_not_a_collision()
    {
        Assert.Empty(SharedPins.Find([Card(0, "aa", duress: "aa"), Card(1, "bb"), Card(2, null, null)]));
    }
}
