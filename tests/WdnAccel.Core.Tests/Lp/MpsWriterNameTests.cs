using WdnAccel.Core.Io;
using WdnAccel.Core.Lp;

namespace WdnAccel.Core.Tests.Lp;

/// <summary>Free MPS separates fields by spaces: the writer refuses the names a reader would split or take for a marker.</summary>
public class MpsWriterNameTests
{
    private static LpModel Model(string variable, string row)
    {
        var m = new LpModel();
        int x = m.AddVariable(variable, 0, 3, 1);
        m.AddConstraint(row, [new LpTerm(x, 1)], LpRowSense.LessEqual, 2);
        return m;
    }

    [Theory]
    [InlineData("my var", "c", "variable name 'my var'", "space")]
    [InlineData("x", "row\tone", "row name 'row\tone'", "space")]
    [InlineData("", "c", "variable name ''", "empty")]
    [InlineData("x", "", "row name ''", "empty")]
    [InlineData("x", "MARKER", "row name 'MARKER'", "integer marker")]
    [InlineData("x", "'marker'", "row name ''marker''", "integer marker")]
    public void A_name_free_MPS_cannot_hold_is_refused(string variable, string row, string named, string reason)
    {
        var e = Assert.Throws<InvalidInputException>(() => MpsWriter.Write(Model(variable, row)));
        Assert.Contains(named, e.Message);
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void Punctuation_and_a_column_called_MARKER_round_trip()
    {
        var m = Model("MARKER", "a:b[1]");
        var back = MpsReader.Read(MpsWriter.Write(m), "t.mps");
        Assert.Equal("MARKER", back.Variables[0].Name);
        Assert.Equal("a:b[1]", back.Constraints[0].Name);
        Assert.Equal(new Rational(2), back.Constraints[0].Upper);
    }
}
