using System.Text;
using WdnAccel.Core.Io;
using WdnAccel.Core.Lp;

namespace WdnAccel.Core.Tests.Lp;

public class LpFormatTests
{
    private static Rational R(string s) => Rational.Parse(s);

    private const string Request = """
        {
          "variables": [
            {"name": "x", "type": "continuous", "lb": 0},
            {"name": "y", "type": "continuous", "lb": 0.1, "ub": 2.5e1},
            {"name": "z", "type": "continuous", "lb": null, "ub": "1/3"}
          ],
          "objective": {"sense": "maximize", "coefficients": {"x": 0.3, "y": 1, "z": -2}},
          "constraints": [
            {"name": "a", "coefficients": {"x": 1, "y": 1}, "sense": "<=", "rhs": 10.1},
            {"name": "b", "coefficients": {"x": 1, "z": -1}, "sense": ">=", "rhs": -1e-3},
            {"name": "c", "coefficients": {"y": 1, "z": 1}, "lb": 1, "ub": 20}
          ]
        }
        """;

    private static LpModel Sample() => LpJsonReader.Read(Encoding.UTF8.GetBytes(Request), "sample.json");

    [Fact]
    public void JsonNumbersAreReadFromTheirTextExactly()
    {
        var m = Sample();
        Assert.Equal(LpSense.Maximize, m.Sense);
        Assert.Equal(R("3/10"), m.Variables[0].Cost);          // not the double nearest 0.3
        Assert.Equal(R("1/10"), m.Variables[1].Lower);
        Assert.Equal(new Rational(25), m.Variables[1].Upper);
        Assert.Null(m.Variables[2].Lower);
        Assert.Equal(R("1/3"), m.Variables[2].Upper);
        Assert.Equal(R("101/10"), m.Constraints[0].Upper);
        Assert.Equal(R("-1/1000"), m.Constraints[1].Lower);
        Assert.Equal(LpRowSense.Range, m.Constraints[2].Sense);
    }

    private static void AssertSameModel(LpModel a, LpModel b)
    {
        Assert.Equal(a.Sense, b.Sense);
        Assert.Equal(a.Variables.Count, b.Variables.Count);
        for (int j = 0; j < a.Variables.Count; j++)
        {
            var (va, vb) = (a.Variables[j], b.Variables[j]);
            Assert.Equal(va.Name, vb.Name);
            Assert.Equal(va.Lower, vb.Lower);
            Assert.Equal(va.Upper, vb.Upper);
            Assert.Equal(va.Cost, vb.Cost);
            Assert.Equal(va.IsInteger, vb.IsInteger);
        }
        Assert.Equal(a.Constraints.Count, b.Constraints.Count);
        for (int i = 0; i < a.Constraints.Count; i++)
        {
            var (ca, cb) = (a.Constraints[i], b.Constraints[i]);
            Assert.Equal(ca.Name, cb.Name);
            Assert.Equal(ca.Lower, cb.Lower);
            Assert.Equal(ca.Upper, cb.Upper);
            Assert.Equal(ca.Terms, cb.Terms);
        }
    }

    [Theory]
    [InlineData("mps")]
    [InlineData("lp")]
    [InlineData("json")]
    public void RoundTripIsExact(string format)
    {
        var m = Sample();
        m.AddVariable("n", -3, 7, R("2/7"), isInteger: true);
        m.AddVariable("f", null, null, 0);
        m.AddVariable("fx", R("5/2"), R("5/2"), 1);
        m.AddConstraint("e", [new LpTerm(0, R("1/3")), new LpTerm(4, 1)], LpRowSense.Equal, R("-7/3"));
        string text = LpModelFiles.Write(m, format);
        var back = format switch
        {
            "mps" => MpsReader.Read(text, "t.mps"),
            "lp" => CplexLpReader.Read(text, "t.lp"),
            _ => LpJsonReader.Read(Encoding.UTF8.GetBytes(text), "t.json"),
        };
        AssertSameModel(m, back);
    }

    [Fact]
    public void MpsWriterAlwaysWritesExplicitLowerBounds()
    {
        var m = new LpModel();
        m.AddVariable("x", 0, 4, 1);
        m.AddVariable("y", null, -2, 1);
        m.AddVariable("z", -5, -2, 1);
        string text = MpsWriter.Write(m);
        Assert.Contains(" LO BND x 0", text);
        Assert.Contains(" MI BND y", text);
        Assert.Contains(" LO BND z -5", text);
        // The explicit LO keeps −5 where the negative-UP convention would otherwise make the lower bound −∞.
        var back = MpsReader.Read(text, "t.mps");
        Assert.Equal(new Rational(-5), back.Variables[2].Lower);
        Assert.Null(MpsReader.Read(text.Replace(" LO BND z -5\n", ""), "t.mps").Variables[2].Lower);
    }

    [Fact]
    public void ReadsClassicFreeMpsWithRangesAndMarkers()
    {
        const string mps = """
            * a comment
            NAME          TESTLP
            OBJSENSE
                MAX
            ROWS
             N  COST
             L  LIM1
             G  LIM2
             E  MYEQN
             E  MYEQN2
            COLUMNS
                MARKER  'MARKER'  'INTORG'
                X1  COST  1   LIM1  1
                MARKER  'MARKER'  'INTEND'
                X2  COST  2   LIM2  1
                X3  MYEQN  -1  MYEQN2 1
            RHS
                RHS  LIM1  4   LIM2  1
                RHS  MYEQN  7  MYEQN2 2
            RANGES
                RNG  LIM1  2.5  LIM2  3
                RNG  MYEQN  -2  MYEQN2  4
            BOUNDS
             UP BND X1 4
             MI BND X2
             UP BND X3 -1
            ENDATA
            """;
        var m = MpsReader.Read(mps, "t.mps");
        Assert.Equal(LpSense.Maximize, m.Sense);
        Assert.True(m.Variables[0].IsInteger);
        Assert.False(m.Variables[1].IsInteger);
        Assert.Equal(R("1.5"), m.Constraints[0].Lower);   // L row: [rhs − |R|, rhs]
        Assert.Equal(new Rational(4), m.Constraints[0].Upper);
        Assert.Equal(new Rational(4), m.Constraints[1].Upper); // G row: [rhs, rhs + |R|]
        Assert.Equal(new Rational(5), m.Constraints[2].Lower); // E row, R < 0: [rhs − |R|, rhs]
        Assert.Equal(new Rational(7), m.Constraints[2].Upper);
        Assert.Equal(new Rational(6), m.Constraints[3].Upper); // E row, R > 0: [rhs, rhs + |R|]
        Assert.Null(m.Variables[1].Lower);
        Assert.Null(m.Variables[2].Lower);                      // negative UP with default lower
    }

    [Fact]
    public void ReadsCplexLpWithCommentsBoundsAndGenerals()
    {
        const string lp = """
            \ Wyndor Glass
            Maximize
             profit: 3 x + 5 y
            Subject To
             plant1: x <= 4
             plant2: 2 y <= 12
             3 x + 2 y
               <= 18
             band: -10 <= x - y <= 2.5
            Bounds
             0 <= x <= 100
             y >= 0
             -inf <= w <= 3
             v free
            General
             w
            End
            """;
        var m = CplexLpReader.Read(lp, "t.lp");
        Assert.Equal(LpSense.Maximize, m.Sense);
        Assert.Equal(4, m.Constraints.Count);
        Assert.Equal("R1", m.Constraints[2].Name);
        Assert.Equal(R("5/2"), m.Constraints[3].Upper);
        Assert.Null(m.Variables[m.VariableIndex("w")].Lower);
        Assert.True(m.Variables[m.VariableIndex("w")].IsInteger);
        Assert.Null(m.Variables[m.VariableIndex("v")].Upper);
        m.SetInteger(m.VariableIndex("w"), false);
        var r = LpSolver.Solve(m);
        Assert.True(r.Certified);
        Assert.Equal(new Rational(36), r.ObjectiveExact);
    }

    public static TheoryData<string, string, int?> BrokenJson => new()
    {
        { "{\"variables\": [{\"name\": \"x\"}], \"objective\": {\"sense\": \"minimize\", \"coefficients\": {\"x\": 1}}, \"constraints\": [", "malformed JSON", null },
        { "{\"variables\": [{\"name\": \"x\", \"lb\": \"abc\"}], \"objective\": {}}", "variables[x].lb", 1 },
        { "{\"variables\": [{\"name\": \"x\"}],\n \"objective\": {\"coefficients\": {\"y\": 1}}}", "objective.coefficients.y", 2 },
        { "{\"variables\": [{\"name\": \"x\"}], \"objective\": {\"sense\": \"upwards\"}}", "objective.sense", 1 },
        { "{\"variables\": [{\"name\": \"x\", \"type\": \"complex\"}], \"objective\": {}}", "variables[x].type", 1 },
        { "{\"variables\": [{\"name\": 5}], \"objective\": {}}", "variables[].name", 1 },
        { "{\"variables\": [{\"name\": \"x\"}], \"objective\": {},\n\n \"constraints\": [{\"name\": \"c\", \"coefficients\": {\"x\": 1}, \"sense\": \"<=\", \"rhs\": NaN}]}", "malformed JSON", 3 },
        { "{\"variables\": [{\"name\": \"x\"}], \"objective\": {}, \"constraints\": [{\"name\": \"c\", \"coefficients\": {\"x\": 1}, \"sense\": \"<=\", \"rhs\": \"NaN\"}]}", "constraints[c].rhs", 1 },
        { "{\"variables\": [{\"name\": \"x\"}], \"objective\": {}, \"constraints\": [{\"name\": \"c\", \"coefficients\": {\"x\": 1}, \"sense\": \"<\"}]}", "constraints[c].sense", 1 },
        { "{\"variables\": [{\"name\": \"x\", \"lb\": 5, \"ub\": -5}], \"objective\": {}}", "variables[x]", 1 },
        { "{\"objective\": {}}", "variables", 1 },
        { "[1, 2]", "expected a JSON object", 1 },
        // A repeated key is refused, naming it and both lines: the first value had won silently (or, in a coefficient
        // map, both were added).
        { "{\"variables\": [{\"name\": \"x\"}],\n \"objective\": {\"coefficients\": {\"x\": 1,\n \"x\": 2}}}", "duplicate key 'x' (first given on line 2)", 3 },
        { "{\"variables\": [{\"name\": \"x\", \"ub\": 1, \"ub\": 5}], \"objective\": {}}", "duplicate key 'ub'", 1 },
        { "{\"variables\": [{\"name\": \"x\"}], \"objective\": {},\n\"variables\": []}", "duplicate key 'variables' (first given on line 1)", 2 },
        { "{\"variables\": [{\"name\": \"x\"}], \"objective\": {}, \"constraints\": [{\"name\": \"c\", \"coefficients\": {\"x\": 1}, \"sense\": \"<=\", \"rhs\": 1, \"rhs\": 2}]}", "duplicate key 'rhs'", 1 },
    };

    [Theory]
    [MemberData(nameof(BrokenJson))]
    public void BrokenJsonNamesTheField(string json, string expected, int? line)
    {
        var e = Assert.Throws<InvalidInputException>(() => LpJsonReader.Read(Encoding.UTF8.GetBytes(json), "bad.json"));
        Assert.Equal("bad.json", e.File);
        Assert.Contains(expected, e.Message);
        if (line is not null) Assert.Equal(line, e.Line);
    }

    [Theory]
    [InlineData("NAME t\nROWS\n N obj\n L c\nCOLUMNS\n x obj 1 c 1\nRHS\n RHS c 4\n", "ENDATA", null)]
    [InlineData("NAME t\nROWS\n N obj\n Q c\nCOLUMNS\nENDATA\n", "row type", 4)]
    [InlineData("NAME t\nROWS\n N obj\n L c\nCOLUMNS\n x obj abc\nENDATA\n", "not a finite number", 6)]
    [InlineData("NAME t\nROWS\n N obj\n L c\nCOLUMNS\n x nope 1\nENDATA\n", "unknown row", 6)]
    [InlineData("NAME t\nROWS\n N obj\n L c\nCOLUMNS\n x c 1\nBOUNDS\n UP BND y 3\nENDATA\n", "unknown column", 8)]
    [InlineData("NAME t\nROWS\n N obj\n L c\nCOLUMNS\n x c 1\nBOUNDS\n XX BND x 3\nENDATA\n", "bound type", 8)]
    [InlineData("NAME t\nROWS\n N obj\n L c\nCOLUMNS\n x c 1\nRHS\n RHS c NaN\nENDATA\n", "not a finite number", 8)]
    [InlineData("NAME t\nROWS\n N obj\n L c\nCOLUMNS\n x c 1\nBOUNDS\n LO BND x 5\n UP BND x 1\nENDATA\n", "exceeds", null)]
    [InlineData("NAME t\nFOO\nENDATA\n", "unknown MPS section", 2)]
    public void BrokenMpsNamesTheLine(string text, string expected, int? line)
    {
        var e = Assert.Throws<InvalidInputException>(() => MpsReader.Read(text, "bad.mps"));
        Assert.Contains(expected, e.Message);
        Assert.Contains("bad.mps", e.Message);
        if (line is not null) Assert.Equal(line, e.Line);
    }

    [Theory]
    [InlineData("Minimize\n obj: x + y\nSubject To\n c: x + y >= 2\n", "End", null)]
    [InlineData("Minimize\n obj: x + 3\nSubject To\n c: x >= 2\nEnd\n", "constant terms", 2)]
    [InlineData("Minimize\n obj: x\nSubject To\n c: x + y 2\nEnd\n", "expected + or -", 4)]
    [InlineData("Minimize\n obj: x\nSubject To\n c: x >= abc\nEnd\n", "expected a number", 4)]
    [InlineData("Subject To\n c: x >= 1\nEnd\n", "Minimize or Maximize", 1)]
    [InlineData("Minimize\n obj: x\nSubject To\n c: x >= 1\n c: x <= 4\nEnd\n", "duplicate row", 5)]
    [InlineData("Minimize\n obj: x\nSubject To\n c: x >= 1\nBounds\n x <= -1\nEnd\n", "exceeds", null)]
    [InlineData("Minimize\n obj: x ^ 2\nSubject To\n c: x >= 1\nEnd\n", "unexpected character", 2)]
    // Infinite bounds keep their sign: an upper bound of -inf (or lower of +inf) leaves no value, it is not "no bound".
    [InlineData("Minimize\n obj: x\nSubject To\n c1: x >= 1\nBounds\n x <= -inf\nEnd\n", "<= -inf leaves the variable no value", 6)]
    [InlineData("Minimize\n obj: x\nSubject To\n c1: x >= 1\nBounds\n x >= +inf\nEnd\n", ">= +inf leaves the variable no value", 6)]
    [InlineData("Minimize\n obj: x\nSubject To\n c1: x >= 1\nBounds\n inf <= x\nEnd\n", ">= +inf leaves the variable no value", 6)]
    [InlineData("Minimize\n obj: x\nSubject To\n c1: x <= -inf\nEnd\n", "row 'c1' can never hold", 4)]
    [InlineData("Minimize\n obj: x\nSubject To\n c1: x = inf\nEnd\n", "row 'c1' can never hold", 4)]
    [InlineData("Minimize\n obj: x\nSubject To\n c1: inf <= x <= 3\nEnd\n", "can never hold", 4)]
    public void BrokenCplexLpNamesTheLine(string text, string expected, int? line)
    {
        var e = Assert.Throws<InvalidInputException>(() => CplexLpReader.Read(text, "bad.lp"));
        Assert.Contains(expected, e.Message);
        if (line is not null) Assert.Equal(line, e.Line);
    }

    [Fact]
    public void Rows_bounded_only_by_infinity_hold_always()
    {
        // `>= -inf`, `<= +inf` and `-inf <= e <= +inf` bound nothing; one infinite side of a range leaves the other.
        var m = CplexLpReader.Read("Minimize\n obj: x + y\nSubject To\n a: x >= -inf\n b: y <= inf\n c: -inf <= x <= inf\n" +
            " d: -inf <= x + y <= 5\n e: 2 <= y <= inf\nEnd\n", "inf.lp");
        Assert.Equal(2, m.Constraints.Count);
        var r = LpSolver.Solve(m);
        Assert.Equal(LpStatus.Optimal, r.Status);
        Assert.Equal(2, r.ObjectiveValue);
    }

    [Fact]
    public void AnswerJsonCarriesExactStringsAndCertificate()
    {
        var m = new LpModel();
        int x = m.AddVariable("x", 0, null, 1);
        m.AddConstraint("need", [new LpTerm(x, 3)], LpRowSense.GreaterEqual, 1);
        var r = LpSolver.Solve(m);
        using var buffer = new MemoryStream();
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            LpJsonWriter.WriteResultProperties(w, r);
            w.WriteEndObject();
        }
        using var doc = System.Text.Json.JsonDocument.Parse(buffer.ToArray());
        var root = doc.RootElement;
        Assert.Equal("optimal", root.GetProperty("status").GetString());
        Assert.Equal("1/3", root.GetProperty("objective_exact").GetString());
        Assert.Equal("1/3", root.GetProperty("solution_exact").GetProperty("x").GetString());
        Assert.Equal("1/3", root.GetProperty("duals_exact").GetProperty("need").GetString());
        Assert.Equal("0", root.GetProperty("reduced_costs").GetProperty("x").GetString());
        Assert.True(root.GetProperty("certified").GetBoolean());
        Assert.Equal(1.0 / 3, root.GetProperty("objective_value").GetDouble(), 15);
    }
}
