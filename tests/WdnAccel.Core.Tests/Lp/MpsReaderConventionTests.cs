using WdnAccel.Core.Io;
using WdnAccel.Core.Lp;

namespace WdnAccel.Core.Tests.Lp;

/// <summary>The free-MPS conventions that other readers share and a silent difference would change a model.</summary>
public class MpsReaderConventionTests
{
    private const string Markers = """
        NAME markers
        OBJSENSE
            MAX
        ROWS
         N obj
         L cap
        COLUMNS
            M0 'MARKER' 'INTORG'
            b obj 1 cap 1
            u obj 1 cap 1
            l obj 1 cap 1
            n obj 1 cap 1
            f obj 1 cap 1
            M1 'MARKER' 'INTEND'
            c obj 1 cap 1
        RHS
            RHS cap 100
        BOUNDS
         UP BND u 5
         LO BND l 2
         UP BND n -3
         FR BND f
        ENDATA
        """;

    /// <summary>
    /// An integer column declared between INTORG and INTEND with no BOUNDS entry is binary; any BOUNDS entry replaces that
    /// default, the side it does not give keeping the ordinary default (lower 0, upper +∞; a negative UP alone makes the
    /// lower −∞). Continuous columns keep [0, +∞).
    /// </summary>
    [Fact]
    public void Marker_integers_without_bounds_are_binary_and_any_bound_replaces_that_default()
    {
        var m = MpsReader.Read(Markers, "markers.mps");
        void Bounds(string name, Rational? lower, Rational? upper)
        {
            var v = m.Variables[m.VariableIndex(name)];
            Assert.Equal(lower, v.Lower);
            Assert.Equal(upper, v.Upper);
        }
        Bounds("b", 0, 1);
        Bounds("u", 0, 5);
        Bounds("l", 2, null);
        Bounds("n", null, -3);
        Bounds("f", null, null);
        Bounds("c", 0, null);
        Assert.All(m.Variables.Take(5), v => Assert.True(v.IsInteger));
        Assert.False(m.Variables[5].IsInteger);
    }

    [Fact]
    public void A_binary_marker_integer_bounds_the_optimum()
    {
        // max x, x ≤ 10 with x an integer from the markers and no bounds: x is binary, so the optimum is 1, not 10.
        const string mps = "NAME t\nOBJSENSE\n    MAX\nROWS\n N obj\n L c\nCOLUMNS\n    M0 'MARKER' 'INTORG'\n    x obj 1 c 1\n" +
                           "    M1 'MARKER' 'INTEND'\nRHS\n    RHS c 10\nENDATA\n";
        var r = LpSolver.Solve(MpsReader.Read(mps, "t.mps"));
        Assert.Equal(LpStatus.Optimal, r.Status);
        Assert.Equal(Rational.One, r.ObjectiveExact);
    }

    [Fact]
    public void The_writer_keeps_a_general_integer_through_the_binary_default()
    {
        // [0, +∞) is written as an explicit LO 0, which replaces the binary default on the way back.
        var m = new LpModel();
        m.AddVariable("n", 0, null, 1, isInteger: true);
        var back = MpsReader.Read(MpsWriter.Write(m), "t.mps");
        Assert.Equal(Rational.Zero, back.Variables[0].Lower);
        Assert.Null(back.Variables[0].Upper);
    }

    /// <summary>
    /// A second entry for the same column and row is refused, naming both lines: readers differ on it (one adds, another
    /// keeps the first or the last), and SAS/OR's MPS format does not allow it. The same holds for a row's RHS or RANGES.
    /// </summary>
    [Theory]
    [InlineData("COLUMNS\n    x c 1\n    x c 2\nRHS\n    RHS c 4\n", 7, "column 'x' has a second entry in row 'c' (the first is on line 6)")]
    [InlineData("COLUMNS\n    x c 1 c 2\nRHS\n    RHS c 4\n", 6, "column 'x' has a second entry in row 'c' (the first is on line 6)")]
    [InlineData("COLUMNS\n    x obj 1 c 1\n    x obj 3\nRHS\n    RHS c 4\n", 7, "column 'x' has a second entry in row 'obj' (the first is on line 6)")]
    [InlineData("COLUMNS\n    x c 1\nRHS\n    RHS c 4\n    RHS c 5\n", 9, "row 'c' has a second RHS entry (the first is on line 8)")]
    [InlineData("COLUMNS\n    x c 1\nRHS\n    RHS c 4\nRANGES\n    RNG c 2 c 3\n", 10, "row 'c' has a second RANGES entry (the first is on line 10)")]
    public void A_repeated_entry_is_refused_naming_its_line(string body, int line, string expected)
    {
        string text = "NAME t\nROWS\n N obj\n L c\n" + body + "ENDATA\n";
        var e = Assert.Throws<InvalidInputException>(() => MpsReader.Read(text, "dup.mps"));
        Assert.Equal(line, e.Line);
        Assert.Equal("dup.mps", e.File);
        Assert.Contains(expected, e.Message);
    }
}
