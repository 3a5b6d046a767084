using Mailroom.Edge.Core.Readers.Keypad;
using Mailroom.Edge.Devices.Keypads;

namespace Mailroom.Edge.Devices.Tests.Keypads;

public sealed class KeyMatrixLayoutTests
{
    [Theory]
    [InlineData(4, 3, "123456789*0", "has 11 keys, but 4 rows × 3 columns make 12")]
    [InlineData(4, 3, "123456789*0E", "'E'; keys are 0-9, *, # and A-D")]
    [InlineData(4, 3, "123456789*00", "'0' more than once")]
    [InlineData(2, 2, "", "has no default layout")]
    [InlineData(9, 1, "123456789", "1..8 rows")]
    public void A_bad_layout_is_refused_with_what_is_wrong(int rows, int columns, string keys, string problem)
    {
        Assert.Contains(problem, KeyMatrixLayout.TryCreate(rows, columns, keys, out var layout));
        Assert.Null(layout);
    }

    [Fact]
    public void The_four_by_four_default_has_letters_that_are_no_pin_key()
    {
        Assert.Null(KeyMatrixLayout.TryCreate(4, 4, "", out var layout));

        Assert.Equal('A', layout!.LabelAt(0, 3));
        Assert.Null(KeyMatrixLayout.PinKey('A'));
        Assert.Equal(KeypadKey.Hash, KeyMatrixLayout.PinKey(layout.LabelAt(3, 2)));
        Assert.Equal(KeypadKey.D0, KeyMatrixLayout.PinKey(layout.LabelAt(3, 1)));
    }
}
