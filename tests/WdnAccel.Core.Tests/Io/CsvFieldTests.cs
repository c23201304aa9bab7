using WdnAccel.Core.Io;

namespace WdnAccel.Core.Tests.Io;

/// <summary>The one CSV field writer behind bench, front, batch summaries and the layouts study's tables (RFC 4180).</summary>
public sealed class CsvFieldTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")] // the layouts study's own copy left this unquoted: a row split in two
    [InlineData("cr\rhere", "\"cr\rhere\"")]
    [InlineData("", "")]
    public void Quotes_only_what_would_break_the_row(string field, string written) => Assert.Equal(written, CsvField.Of(field));
}
