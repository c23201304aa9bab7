using System.Text.RegularExpressions;
using WdnAccel.Core.Io.Msgpack;
using WdnAccel.Core.Io.Scenarios;
using WdnAccel.Core.Io.Scenarios.Schema;
using WdnAccel.Core.Model;
using WdnAccel.Core.Tests.Io.Msgpack;

namespace WdnAccel.Core.Tests.Io.Scenarios;

/// <summary>
/// docs/scenario-format.md's field tables are the schema the reader and writer use, and its example and Python snippet
/// work as printed.
/// </summary>
public sealed class ScenarioFormatDocTests
{
    private static string DocPath() => Path.Combine(RepoPaths.Root, "docs", "scenario-format.md");

    private static string Doc() => File.ReadAllText(DocPath());

    [Fact]
    public void Field_tables_are_the_schema()
    {
        string doc = Doc();
        string expected = $"{ScenarioSchemaDoc.Begin}\n\n{ScenarioSchemaDoc.Markdown()}{ScenarioSchemaDoc.End}";
        int a = doc.IndexOf(ScenarioSchemaDoc.Begin, StringComparison.Ordinal);
        int b = doc.IndexOf(ScenarioSchemaDoc.End, StringComparison.Ordinal);
        string? current = a >= 0 && b > a ? doc[a..(b + ScenarioSchemaDoc.End.Length)] : null;
        if (current == expected) return;
        if (Environment.GetEnvironmentVariable("WDNACCEL_UPDATE_DOCS") == "1")
        {
            string updated = current is null ? doc.Replace("<!-- fields -->", expected, StringComparison.Ordinal) : doc.Replace(current, expected, StringComparison.Ordinal);
            Assert.NotEqual(doc, updated); // the placeholder or the old tables must have been there
            File.WriteAllText(DocPath(), updated);
            return;
        }
        Assert.Fail("docs/scenario-format.md's field tables differ from ScenarioSchema; run WDNACCEL_UPDATE_DOCS=1 dotnet test --filter ScenarioFormatDocTests to rewrite them");
    }

    [Fact]
    public void Every_key_the_writer_writes_is_in_the_document()
    {
        // The fullest scenario we have, written: each key of each map it writes must appear in that map's table.
        var keys = new HashSet<string>(StringComparer.Ordinal);
        Collect(MessagePackValue.Decode(ScenarioCodec.WriteWdn(TestScenarios.Full())), keys);
        Assert.Contains("vertices", keys); // the fixture is full enough to mean something
        Assert.Contains("graph_allocation", keys);
        Assert.Contains("active_status", keys); // and holds the extended-period elements
        string doc = Doc();
        foreach (var key in keys) Assert.Contains($"| `{key}` |", doc);
    }

    /// <summary>Every table's link to another map's section (<c>[supply period](#supply-period)</c>) lands on a heading:
    /// a map that a table links to but <see cref="ScenarioSchema.All"/> leaves out has no section.</summary>
    [Fact]
    public void Every_link_inside_the_document_lands_on_a_section()
    {
        string doc = Doc();
        var anchors = Regex.Matches(doc, @"^#+ (.+)$", RegexOptions.Multiline)
            .Select(m => Regex.Replace(m.Groups[1].Value.Trim().ToLowerInvariant().Replace("`", ""), @"[^a-z0-9 _-]", "").Replace(' ', '-'))
            .ToHashSet();
        var links = Regex.Matches(doc, @"\]\(#([^)]+)\)").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Contains("supply-period", links); // the check means something
        Assert.All(links, link => Assert.Contains(link, anchors));
    }

    private static readonly string[] FreeMaps = ["parameters", "junction_demands", "min_head", "initial_quality", "pipe_bulk", "pipe_wall", "tank_bulk"];

    private static void Collect(MessagePackValue value, HashSet<string> keys)
    {
        if (value.Type == MessagePackType.Array)
        {
            foreach (var item in value.AsArray()) Collect(item, keys);
        }
        else if (value.Type == MessagePackType.Map)
        {
            foreach (var (k, v) in value.AsMap())
            {
                keys.Add(k.AsString());
                if (!FreeMaps.Contains(k.AsString())) Collect(v, keys);
            }
        }
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
