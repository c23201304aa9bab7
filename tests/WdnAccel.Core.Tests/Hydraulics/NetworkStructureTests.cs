using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Io.Inp;
using WdnAccel.Tests.Shared;

namespace WdnAccel.Core.Tests.Hydraulics;

/// <summary>
/// <see cref="NetworkStructure.Same"/>, which lets `batch` pack simulate jobs into one <see cref="HydraulicBatch"/>: two
/// networks share a batch only where they differ in what a lane holds (diameters, roughness, demands, fixed heads).
/// A network that differs in a control on junction pressure, a solver option or a custom pump curve would be solved with
/// the first job's, a silently wrong answer.
/// </summary>
public class NetworkStructureTests
{
    private static readonly string Text = File.ReadAllText(Path.Combine(RepoPaths.Root, "tools", "epanet-reference", "networks", "snapshot", "PRESSURE_CONTROLS.inp"));

    private static CompiledNetwork Compile(string text) => CompiledNetwork.Compile(InpReader.ReadText(text, "variant.inp").Scenario.Network);

    private static string Replace(string what, string with)
    {
        Assert.Contains(what, Text);
        return Text.Replace(what, with);
    }

    [Fact]
    public void Networks_that_differ_in_pipe_diameters_and_demands_share_a_batch()
    {
        var variant = Replace(" P2  J1     J2     600     300 ", " P2  J1     J2     600     250 ");
        Assert.True(NetworkStructure.Same(Compile(Text), Compile(variant)));
        Assert.Equal(NetworkStructure.Hash(Compile(Text)), NetworkStructure.Hash(Compile(variant)));
    }

    public static TheoryData<string, string, string> Variants => new()
    {
        { "a pressure control's threshold", " LINK PU1 CLOSED IF NODE J6 ABOVE 30", " LINK PU1 CLOSED IF NODE J6 ABOVE 31" },
        { "a pressure control's action", " LINK P5 CLOSED IF NODE J5 ABOVE 0", " LINK P5 OPEN IF NODE J5 ABOVE 0" },
        { "DAMPLIMIT", " Accuracy  0.001", " Accuracy  0.001\n DampLimit 0.01" },
        { "CHECKFREQ", " Accuracy  0.001", " Accuracy  0.001\n CheckFreq 5" },
        { "MAXCHECK", " Accuracy  0.001", " Accuracy  0.001\n MaxCheck 4" },
        { "HEADERROR", " Accuracy  0.001", " Accuracy  0.001\n HeadError 0.01" },
        { "FLOWCHANGE", " Accuracy  0.001", " Accuracy  0.001\n FlowChange 0.01" },
        { "DEMAND MODEL PDA", " Accuracy  0.001", " Accuracy  0.001\n Demand Model PDA" },
        { "an emitter", "[CONTROLS]", "[EMITTERS]\n J3 0.5\n\n[CONTROLS]" },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Networks_that_differ_in_what_no_lane_holds_do_not_share_a_batch(string what, string from, string to)
    {
        Assert.False(NetworkStructure.Same(Compile(Text), Compile(Replace(from, to))), what);
    }

    [Fact]
    public void Networks_whose_custom_pump_curves_differ_do_not_share_a_batch()
    {
        string curve = File.ReadAllText(Path.Combine(RepoPaths.Root, "tools", "epanet-reference", "networks", "snapshot", "CUSTOM_CURVES.inp"));
        var a = CompiledNetwork.Compile(InpReader.ReadText(curve, "a.inp").Scenario.Network);
        Assert.True(a.CurveHead.Length >= 3, "the network has a custom (multi-point) pump curve");
        // The same curves with the third point's head 1 m higher (not a first point, whose head is also the pump's shut-off head).
        var lines = curve.Split('\n');
        int inCurves = Array.FindIndex(lines, l => l.Trim().Equals("[CURVES]", StringComparison.OrdinalIgnoreCase));
        var points = Enumerable.Range(inCurves + 1, lines.Length - inCurves - 1)
            .TakeWhile(i => !lines[i].TrimStart().StartsWith('['))
            .Where(i => lines[i].Trim().Length > 0 && !lines[i].TrimStart().StartsWith(';')).ToArray();
        int middle = points[2];
        var f = lines[middle].Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        f[2] = (double.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        lines[middle] = " " + string.Join(' ', f);
        var b = CompiledNetwork.Compile(InpReader.ReadText(string.Join('\n', lines), "b.inp").Scenario.Network);
        Assert.False(NetworkStructure.Same(a, b));
    }
}
