using WdnAccel.Core.Io;
using WdnAccel.Core.Io.Msgpack;
using WdnAccel.Core.Io.Scenarios;

namespace WdnAccel.Core.Tests.Io.Scenarios;

/// <summary>Every rejection names the field path, and the byte offset (.wdn) or line (JSON).</summary>
public class ScenarioBrokenInputTests
{
    private static readonly MessagePackValue FullTree = MessagePackValue.Decode(ScenarioCodec.WriteWdn(TestScenarios.Full()));

    private static InvalidInputException ReadEdited(string path, MessagePackValue? value)
    {
        var edited = MessagePackTreeEdit.Set(FullTree, path, value);
        var bytes = (edited).Encode();
        return Assert.Throws<InvalidInputException>(() => ScenarioCodec.ReadWdn(bytes, "bad.wdn"));
    }

    private static MessagePackValue S(string s) => MessagePackValue.FromString(s);
    private static MessagePackValue D(double d) => MessagePackValue.FromDouble(d);

    [Theory]
    [InlineData("network.pipes[3].diameter", -2.0, "expected a positive number, got -2")]
    [InlineData("network.pipes[0].length", 0.0, "expected a positive number, got 0")]
    [InlineData("network.pipes[1].length", double.NaN, "expected a finite number, got NaN")]
    [InlineData("network.junctions[2].elevation", double.PositiveInfinity, "expected a finite number, got Infinity")]
    [InlineData("network.tanks[0].diameter", -0.5, "expected a non-negative number, got -0.5")]
    [InlineData("design.catalog[1].unit_cost", -1.0, "expected a non-negative number, got -1")]
    [InlineData("supply.plants[0].capacity", -80.0, "expected a non-negative number, got -80")]
    [InlineData("network.options.omega", 0.0, "expected a positive number, got 0")]
    public void OutOfRangeNumbersNameTheField(string path, double value, string problem)
    {
        var e = ReadEdited(path, D(value));
        Assert.Equal(path, e.Field);
        Assert.Contains(problem, e.Message);
        Assert.Matches(@"byte offset \d+", e.Message);
        Assert.StartsWith("bad.wdn, field '" + path + "': byte offset", e.Message);
    }

    [Fact]
    public void ByteOffsetPointsAtTheOffendingValue()
    {
        var edited = MessagePackTreeEdit.Set(FullTree, "network.pipes[3].diameter", D(-2));
        var bytes = (edited).Encode();
        var e = Assert.Throws<InvalidInputException>(() => ScenarioCodec.ReadWdn(bytes));
        long offset = long.Parse(System.Text.RegularExpressions.Regex.Match(e.Message, @"byte offset (\d+)").Groups[1].Value);
        // float64 −2 is cb c0 00 00 00 00 00 00 00, preceded by the key "diameter".
        Assert.Equal(Convert.FromHexString("CBC000000000000000"), bytes.AsSpan((int)offset, 9).ToArray());
        Assert.Equal("diameter"u8.ToArray(), bytes.AsSpan((int)offset - 8, 8).ToArray());
    }

    [Fact]
    public void WrongTypes()
    {
        var e = ReadEdited("network.junctions[1].elevation", S("high"));
        Assert.Equal("network.junctions[1].elevation", e.Field);
        Assert.Contains("expected a number, got a string", e.Message);

        e = ReadEdited("network.pipes[0].id", MessagePackValue.FromInt64(5));
        Assert.Contains("expected a string, got integer 5", e.Message);

        e = ReadEdited("network.pipes", MessagePackValue.FromMap([]));
        Assert.Contains("expected an array, got a map", e.Message);

        e = ReadEdited("network.options.max_trials", D(7.5));
        Assert.Equal("network.options.max_trials", e.Field);
        Assert.Contains("expected an integer, got a float64", e.Message);

        e = ReadEdited("network.junctions[0].coordinates", MessagePackValue.FromArray([D(1)]));
        Assert.Contains("expected [x, y], got an array of 1 elements", e.Message);

        e = ReadEdited("network.tanks[0].can_overflow", MessagePackValue.FromInt64(1));
        Assert.Contains("expected true or false", e.Message);
    }

    [Fact]
    public void BadEnumNamesListTheChoices()
    {
        var e = ReadEdited("network.pipes[1].status", S("half_open"));
        Assert.Equal("network.pipes[1].status", e.Field);
        Assert.Contains("expected one of 'open', 'closed', 'check_valve', got 'half_open'", e.Message);
        e = ReadEdited("network.options.flow_units", S("lps"));
        Assert.Contains("'LPS'", e.Message);
    }

    [Fact]
    public void MissingRequiredFields()
    {
        var e = ReadEdited("network.pipes[0].node2", null);
        Assert.Equal("network.pipes[0].node2", e.Field);
        Assert.Contains("missing required field 'node2'", e.Message);
        e = ReadEdited("design.catalog", null);
        Assert.Equal("design.catalog", e.Field);
        e = ReadEdited("version", null);
        Assert.Contains("missing required field 'version'", e.Message);
        e = ReadEdited("format", null);
        Assert.Contains("missing required field 'format'", e.Message);
    }

    [Fact]
    public void Every_bad_field_is_reported_in_one_read_in_both_encodings()
    {
        // Three independent problems: a negative length, an unknown key, a missing required field.
        var edited = MessagePackTreeEdit.Set(FullTree, "network.pipes[2].length", D(-1));
        edited = MessagePackTreeEdit.Set(edited, "network.pipes[4].lenght", D(3));
        edited = MessagePackTreeEdit.Set(edited, "network.junctions[1].elevation", null);
        var fromWdn = Assert.Throws<InvalidInputException>(() => ScenarioCodec.ReadWdn(edited.Encode(), "bad.wdn"));
        Assert.Equal(3, fromWdn.All.Count);
        Assert.Equal(["network.junctions[1].elevation", "network.pipes[2].length", "network.pipes[4].lenght"], fromWdn.All.Select(p => p.Field).Order(StringComparer.Ordinal));
        Assert.Contains("(and 2 more problem(s)", fromWdn.Message);
        // JSON: a bad length and a misspelt key, each problem with its line.
        var json = ScenarioCodec.WriteJson(TestScenarios.Full());
        string bad = json.Replace("\"length\": 1000,", "\"length\": -1,");
        Assert.NotEqual(json, bad);
        var fromJson = Assert.Throws<InvalidInputException>(() => ScenarioCodec.ReadJson(bad.Replace("\"roughness\": 130,", "\"roughnes\": 130,"), "bad.json"));
        Assert.True(fromJson.All.Count >= 2, fromJson.Message);
        Assert.All(fromJson.All, p => Assert.NotNull(p.Line));
    }

    [Fact]
    public void UnknownKeysAreTypos()
    {
        var e = ReadEdited("network.pipes[2].diamter", D(0.3));
        Assert.Equal("network.pipes[2].diamter", e.Field);
        Assert.Contains("unknown key 'diamter'", e.Message);
        Assert.Contains("diameter", e.Message);
        e = ReadEdited("extras", MessagePackValue.Nil);
        Assert.Contains("unknown key 'extras'", e.Message);
    }

    [Fact]
    public void ParameterMapsAreFree()
    {
        var edited = MessagePackTreeEdit.Set(FullTree, "solver.parameters.any_new_knob", D(4));
        edited = MessagePackTreeEdit.Set(edited, "graph_allocation.parameters.booster_cost", D(1.5));
        var s = ScenarioCodec.ReadWdn((edited).Encode());
        Assert.Equal(4, s.Solver!.Parameters["any_new_knob"]);
        Assert.Equal(1.5, s.GraphAllocation!.Parameters["booster_cost"]);
        // ...but their values must still be numbers.
        var e = ReadEdited("solver.parameters.tau", S("fast"));
        Assert.Equal("solver.parameters.tau", e.Field);
    }

    [Fact]
    public void FormatAndVersionAreChecked()
    {
        var e = ReadEdited("format", S("geojson"));
        Assert.Contains("not a WdnAccel scenario", e.Message);
        e = ReadEdited("version", MessagePackValue.FromInt64(2));
        Assert.Contains("format version 2 is newer", e.Message);
        e = ReadEdited("version", MessagePackValue.FromInt64(0));
        Assert.Equal("version", e.Field);
        var notAMap = MessagePackValue.FromArray([]).Encode();
        Assert.Contains("expected a scenario map", Assert.Throws<InvalidInputException>(() => ScenarioCodec.ReadWdn(notAMap)).Message);
    }

    [Fact]
    public void DuplicateKeysAreRejected()
    {
        var entries = FullTree.AsMap().ToList();
        entries.Add(entries[2]); // "name" twice
        var bytes = (MessagePackValue.FromMap(entries)).Encode();
        var e = Assert.Throws<InvalidInputException>(() => ScenarioCodec.ReadWdn(bytes));
        Assert.Contains("duplicate key 'name'", e.Message);
    }

    [Fact]
    public void EmptyTruncatedAndTrailingData()
    {
        Assert.Contains("empty", Assert.Throws<InvalidInputException>(() => ScenarioCodec.ReadWdn(ReadOnlyMemory<byte>.Empty, "e.wdn")).Message);
        var bytes = ScenarioCodec.WriteWdn(TestScenarios.Full());
        for (int n = 1; n < bytes.Length; n++)
        {
            var e = Assert.Throws<InvalidInputException>(() => ScenarioCodec.ReadWdn(bytes.AsMemory(0, n), "t.wdn"));
            Assert.Contains("unexpected end of data", e.Message);
            Assert.Equal("t.wdn", e.File);
        }
        var longer = bytes.Append((byte)0xc0).ToArray();
        Assert.Contains("unexpected data after the scenario", Assert.Throws<InvalidInputException>(() => ScenarioCodec.ReadWdn(longer)).Message);
    }

    [Fact]
    public void TruncatedFileNamesTheFieldBeingRead()
    {
        var bytes = ScenarioCodec.WriteWdn(TestScenarios.Full());
        int at = bytes.AsSpan().IndexOf("treatment_cost"u8);
        var e = Assert.Throws<InvalidInputException>(() => ScenarioCodec.ReadWdn(new MemoryStream(bytes, 0, at + 16), "t.wdn"));
        Assert.StartsWith("supply.plants[0].treatment_cost", e.Field);
    }

    [Fact]
    public void RandomCorruptionOnlyEverGivesInvalidInput()
    {
        var original = ScenarioCodec.WriteWdn(TestScenarios.Full());
        var rng = new Random(1234);
        int rejected = 0;
        for (int trial = 0; trial < 2000; trial++)
        {
            var bytes = (byte[])original.Clone();
            for (int k = rng.Next(1, 4); k > 0; k--) bytes[rng.Next(bytes.Length)] = (byte)rng.Next(256);
            try
            {
                ScenarioCodec.ReadWdn(bytes);
            }
            catch (InvalidInputException)
            {
                rejected++;
            }
        }
        Assert.True(rejected > 1000, $"only {rejected} of 2000 corruptions were noticed");
    }

    [Fact]
    public void BatchErrorsNameTheScenarioIndex()
    {
        var good = ScenarioCodec.WriteWdn(TestScenarios.Grid(9, 1));
        var badTree = MessagePackTreeEdit.Set(FullTree, "network.pipes[3].diameter", D(-2));
        var bad = (badTree).Encode();
        var stream = new MemoryStream([.. good, .. good, .. bad, .. good]);
        using var reader = new ScenarioBatchReader(stream, "b.wdnb");
        var read = new List<WdnAccel.Core.Model.Scenario>();
        var e = Assert.Throws<InvalidInputException>(() => { foreach (var s in reader) read.Add(s); });
        Assert.Equal(2, read.Count);
        Assert.Equal("scenario[2].network.pipes[3].diameter", e.Field);
        Assert.Equal("b.wdnb", e.File);

        // A truncated last scenario.
        using var truncated = new ScenarioBatchReader(new MemoryStream([.. good, .. good[..^3]]), "t.wdnb");
        var e2 = Assert.Throws<InvalidInputException>(() => truncated.ToList());
        Assert.StartsWith("scenario[1]", e2.Field);
        Assert.Contains("unexpected end of data", e2.Message);
    }

    // ---- JSON ----------------------------------------------------------------------------------------------

    private const string SmallJson = """
        {
          "format": "wdnaccel-scenario",
          "version": 1,
          "network": {
            "junctions": [ { "id": "J1", "elevation": 5 } ],
            "reservoirs": [ { "id": "R1", "head": 50 } ],
            "pipes": [
              { "id": "P1", "node1": "R1", "node2": "J1", "length": 100, "diameter": 0.3, "roughness": 130 },
              { "id": "P2", "node1": "J1", "node2": "R1", "length": 100,
                "diameter": -2, "roughness": 130 }
            ]
          }
        }
        """;

    [Fact]
    public void JsonErrorsNameFieldAndLine()
    {
        var e = Assert.Throws<InvalidInputException>(() => ScenarioCodec.ReadJson(SmallJson, "s.json"));
        Assert.Equal("network.pipes[1].diameter", e.Field);
        Assert.Equal(10, e.Line);
        Assert.Equal("s.json, line 10, field 'network.pipes[1].diameter': expected a positive number, got -2", e.Message);

        var typo = SmallJson.Replace("\"roughness\": 130 },", "\"rougness\": 130 },");
        e = Assert.Throws<InvalidInputException>(() => ScenarioCodec.ReadJson(typo, "s.json"));
        Assert.Equal("network.pipes[0].rougness", e.Field);
        Assert.Equal(8, e.Line);

        var text = SmallJson.Replace("\"elevation\": 5", "\"elevation\": \"5\"");
        e = Assert.Throws<InvalidInputException>(() => ScenarioCodec.ReadJson(text, "s.json"));
        Assert.Equal(5, e.Line);
        Assert.Contains("expected a number, got the string \"5\"", e.Message);

        var missing = SmallJson.Replace("\"id\": \"R1\", ", "");
        e = Assert.Throws<InvalidInputException>(() => ScenarioCodec.ReadJson(missing, "s.json"));
        Assert.Equal("network.reservoirs[0].id", e.Field);
        Assert.Equal(6, e.Line);
    }

    [Fact]
    public void MalformedJson()
    {
        var e = Assert.Throws<InvalidInputException>(() => ScenarioCodec.ReadJson(SmallJson.Replace("\"version\": 1,", "\"version\": 1"), "s.json"));
        Assert.Equal(4, e.Line);
        Assert.Contains("invalid JSON", e.Message);
        Assert.Contains("empty", Assert.Throws<InvalidInputException>(() => ScenarioCodec.ReadJson("  ", "e.json")).Message);
        e = Assert.Throws<InvalidInputException>(() => ScenarioCodec.ReadJson(SmallJson[..200], "t.json"));
        Assert.Contains("invalid JSON", e.Message);
        e = Assert.Throws<InvalidInputException>(() => ScenarioCodec.ReadJson(SmallJson.Replace("\"head\": 50", "\"head\": 1e999"), "s.json"));
        Assert.Equal(6, e.Line);
        Assert.Contains("out of the range", e.Message);
        // A second top-level value: System.Text.Json itself rejects it, on the line where it starts.
        e = Assert.Throws<InvalidInputException>(() => ScenarioCodec.ReadJson(SmallJson + "\n{}", "s.json"));
        Assert.Equal(14, e.Line);
    }
}
