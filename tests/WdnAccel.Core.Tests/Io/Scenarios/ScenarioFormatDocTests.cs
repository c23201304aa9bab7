using System.Text.RegularExpressions;
using WdnAccel.Core.Io.Scenarios;
using WdnAccel.Core.Model;
using WdnAccel.Core.Tests.Io.Msgpack;

namespace WdnAccel.Core.Tests.Io.Scenarios;

/// <summary>docs/scenario-format.md's example and Python snippet must work as printed.</summary>
public sealed class ScenarioFormatDocTests
{
    private static string Doc()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "WdnAccel.sln"))) dir = dir.Parent;
        Assert.NotNull(dir);
        return File.ReadAllText(Path.Combine(dir!.FullName, "docs", "scenario-format.md"));
    }

    private static string Block(string language) => FencedBlock(language).Match(Doc()).Groups[1].Value;

    private static Regex FencedBlock(string language) => new("```" + language + "\n(.*?)```", RegexOptions.Singleline);

    [Fact]
    public void JsonExampleLoads()
    {
        var s = ScenarioCodec.ReadJson(Block("json"), "scenario-format.md");
        Assert.Equal("two pipes", s.Name);
        Assert.Equal(2, s.Network.Junctions.Count);
        Assert.Equal(0.035, s.Network.Junctions.Sum(j => j.BaseDemand), 12);
        Assert.Equal(LinkStatus.CheckValve, s.Network.Pipes[1].Status);
        Assert.Equal(["P1", "P2"], s.Design!.DecisionPipes);
        Assert.Equal(25, s.Design.MinPressure);
    }

    [PythonMsgpackFact]
    public void PythonSnippetReadsOurFile()
    {
        string dir = Directory.CreateTempSubdirectory("wdnaccel-doc-").FullName;
        try
        {
            string path = Path.Combine(dir, "net.wdn");
            File.WriteAllBytes(path, ScenarioCodec.WriteWdn(TestScenarios.Full()));
            string snippet = Block("python").Replace("\"net.wdn\"", "sys.argv[1]");
            var r = PythonMsgpack.Run("import sys\n" + snippet, path);
            Assert.True(r.ExitCode == 0, r.Stderr);
            Assert.Equal($"{TestScenarios.Full().Name} 5 pipes", r.Stdout.Trim());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
