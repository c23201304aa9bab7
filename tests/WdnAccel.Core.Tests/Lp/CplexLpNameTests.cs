using WdnAccel.Core.Io;
using WdnAccel.Core.Lp;

namespace WdnAccel.Core.Tests.Lp;

/// <summary>
/// The LP writer refuses the names its own reader would read as something else (a section keyword, an infinity, a
/// number, an operator or a comment), so a round trip through the LP format never changes a model silently.
/// </summary>
public class CplexLpNameTests
{
    private static LpModel WithVariable(string name)
    {
        var m = new LpModel();
        int x = m.AddVariable(name, 0, 4, 1);
        m.AddConstraint("c", [new LpTerm(x, 1)], LpRowSense.GreaterEqual, 1);
        return m;
    }

    private static LpModel WithRow(string name)
    {
        var m = new LpModel();
        int x = m.AddVariable("x", 0, 4, 1);
        m.AddConstraint(name, [new LpTerm(x, 1)], LpRowSense.GreaterEqual, 1);
        return m;
    }

    [Theory]
    // Section keywords, in any case: a bound or General line starting with one opens a section (or ends the file).
    [InlineData("end", "keyword")]
    [InlineData("End", "keyword")]
    [InlineData("st", "keyword")]
    [InlineData("s.t.", "keyword")]
    [InlineData("subject", "keyword")]
    [InlineData("bounds", "keyword")]
    [InlineData("bound", "keyword")]
    [InlineData("general", "keyword")]
    [InlineData("integers", "keyword")]
    [InlineData("bin", "keyword")]
    [InlineData("minimize", "keyword")]
    [InlineData("MAX", "keyword")]
    // Words of the bounds: infinity and free.
    [InlineData("free", "keyword")]
    [InlineData("inf", "keyword")]
    [InlineData("Infinity", "keyword")]
    // Characters: a leading digit or period reads as a number; operators, spaces, ':' and '\' split or end the name.
    [InlineData("2x", "starts with a digit or a period")]
    [InlineData(".5y", "starts with a digit or a period")]
    [InlineData("a-b", "'-'")]
    [InlineData("a+b", "'+'")]
    [InlineData("a b", "' '")]
    [InlineData("a:b", "':'")]
    [InlineData("a<b", "'<'")]
    [InlineData("a=b", "'='")]
    [InlineData("a*b", "'*'")]
    [InlineData("a\\b", "'\\'")]
    [InlineData("", "empty")]
    public void A_name_the_reader_would_misread_is_refused(string name, string reason)
    {
        var v = Assert.Throws<InvalidInputException>(() => CplexLpWriter.Write(WithVariable(name)));
        Assert.Contains($"variable name '{name}'", v.Message);
        Assert.Contains(reason, v.Message);
        var r = Assert.Throws<InvalidInputException>(() => CplexLpWriter.Write(WithRow(name)));
        Assert.Contains($"row name '{name}'", r.Message);
        Assert.Contains(reason, r.Message);
    }

    /// <summary>Names that only look like keywords or numbers, and the punctuation the format allows, round-trip exactly.</summary>
    [Theory]
    [InlineData("end_1")]
    [InlineData("st2")]
    [InlineData("x.1")]
    [InlineData("e1")]
    [InlineData("a[2]")]
    [InlineData("q(3,4)")]
    [InlineData("_free")]
    [InlineData("infeasible")]
    [InlineData("débit")]
    public void A_name_the_reader_reads_back_is_written(string name)
    {
        foreach (var model in new[] { WithVariable(name), WithRow(name) })
        {
            var back = CplexLpReader.Read(CplexLpWriter.Write(model), "t.lp");
            Assert.Equal(model.Variables.Select(v => (v.Name, v.Lower, v.Upper, v.Cost)), back.Variables.Select(v => (v.Name, v.Lower, v.Upper, v.Cost)));
            Assert.Equal(model.Constraints.Select(c => (c.Name, c.Lower, c.Upper)), back.Constraints.Select(c => (c.Name, c.Lower, c.Upper)));
        }
    }

    /// <summary>
    /// What the refusal prevents: the text the writer would give for an integer variable `end` ≥ 0 and a y in [0, 2]. Its
    /// bound line ` end >= 0` ends the file, so y loses its upper bound and `end` its integrality.
    /// </summary>
    [Fact]
    public void A_keyword_at_the_start_of_a_bound_line_is_read_as_the_keyword()
    {
        var m = CplexLpReader.Read("Minimize\n obj: end + y\nSubject To\n c: end + y >= 1\nBounds\n end >= 0\n 0 <= y <= 2\nGeneral\n end\nEnd\n", "t.lp");
        Assert.Null(m.Variables[m.VariableIndex("y")].Upper);
        Assert.False(m.Variables[m.VariableIndex("end")].IsInteger);
    }

    /// <summary>An empty row is written as "0 x" with the first variable; a model without variables has none to use.</summary>
    [Fact]
    public void A_row_of_a_model_without_variables_is_refused_not_an_internal_error()
    {
        var m = new LpModel();
        m.AddConstraint("c", [], LpRowSense.GreaterEqual, -1);
        var e = Assert.Throws<InvalidInputException>(() => CplexLpWriter.Write(m));
        Assert.Contains("row 'c' of a model without variables", e.Message);
        Assert.Contains("no variables", Assert.Throws<InvalidInputException>(() => LpModelFiles.Write(new LpModel(), "json")).Message);
    }
}
