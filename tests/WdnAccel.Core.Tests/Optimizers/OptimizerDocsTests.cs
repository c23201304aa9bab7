using System.Globalization;
using WdnAccel.Core.Optimizers;
using WdnAccel.Core.Tests.Support;

namespace WdnAccel.Core.Tests.Optimizers;

/// <summary>docs/optimizers.md must list every parameter of every algorithm with the default the code uses.</summary>
public class OptimizerDocsTests
{
    [Theory]
    [InlineData("ga")]
    [InlineData("de")]
    [InlineData("cro")]
    [InlineData("gacoasa")]
    [InlineData("shade")]
    public void DocsTableMatchesTheCode(string algorithm)
    {
        string doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "optimizers.md"));
        int start = doc.IndexOf($"### `{algorithm}`", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section for {algorithm}");
        int end = doc.IndexOf("\n### ", start + 4, StringComparison.Ordinal);
        int next = doc.IndexOf("\n## ", start, StringComparison.Ordinal);
        if (end < 0 || (next >= 0 && next < end)) end = next;
        string section = end < 0 ? doc[start..] : doc[start..end];
        foreach (var p in OptimizerCatalog.Create(algorithm).Parameters)
            Assert.Contains($"| `{p.Name}` | {p.Default.ToString(CultureInfo.InvariantCulture)} |", section);
        int rows = section.Split('\n').Count(l => l.StartsWith("| `", StringComparison.Ordinal));
        Assert.Equal(OptimizerCatalog.Create(algorithm).Parameters.Count, rows);
    }
}
