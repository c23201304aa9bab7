using WdnAccel.Core.Io;
using Xunit;

namespace WdnAccel.Core.Tests.Io;

public class CsvReaderTests
{
    [Fact]
    public void Quoted_fields_hold_commas_quotes_and_line_breaks_and_records_know_their_first_line()
    {
        string text = "\uFEFFa,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n\r\n,,last\n";
        var records = CsvReader.Read(text, "t.csv").ToList();
        Assert.Equal(3, records.Count);
        Assert.Equal(["a", "b", "c"], records[0].Fields);
        Assert.Equal(1, records[0].Line);
        Assert.Equal(["x, y", "say \"hi\"", "two\nlines"], records[1].Fields);
        Assert.Equal(2, records[1].Line);
        Assert.Equal(["", "", "last"], records[2].Fields);
        Assert.Equal(5, records[2].Line); // line 3 holds the rest of the quoted field, line 4 is blank
    }

    [Fact]
    public void A_final_record_without_a_line_break_is_read()
    {
        var records = CsvReader.Read("h\n1").ToList();
        Assert.Equal(["1"], Assert.Single(records.Skip(1)).Fields);
    }

    [Theory]
    [InlineData("a,b\n\"open,x\n", 2, "not closed")]
    [InlineData("a,b\n\"q\"x,1\n", 2, "after a quoted field")]
    [InlineData("a,b\nx\"y,1\n", 2, "inside an unquoted field")]
    public void Malformed_quoting_is_an_error_naming_the_line(string text, int line, string problem)
    {
        var e = Assert.Throws<InvalidInputException>(() => CsvReader.Read(text, "bad.csv").ToList());
        Assert.Equal(line, e.Line);
        Assert.Equal("bad.csv", e.File);
        Assert.Contains(problem, e.Message);
    }
}
