using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Io;
using WdnAccel.Core.Model;
using WdnAccel.Kernels.Scalar;
using WdnAccel.Kernels.Simd;

namespace WdnAccel.Kernels.Tests.Hydraulics;

/// <summary>
/// The loop-flow form of the SIMD solver (GgaBatchSolver.LoopFlows) against the scalar junction-based GGA, lane by
/// lane: the same Newton iterates, so the same statuses and trial counts, and heads and flows equal to rounding.
/// Covers real loops (Hanoi, two-loop), pseudo-loops between two reservoirs and a tank, a link joining two fixed
/// heads, minor losses, pipes drawn against the flow, warm starts, and blocks that must fall back to the GGA; under
/// each of the three head-loss formulas (Darcy–Weisbach in its laminar, transitional and turbulent ranges).
/// </summary>
public class LoopFlowParityTests
{
    /// <summary>
    /// A 3 × 3 mesh fed by two reservoirs at different heads and a tank, one pipe joining the reservoirs directly,
    /// minor losses on three pipes and every other pipe drawn from the higher-numbered junction.
    /// </summary>
    internal static CompiledNetwork ThreeSourceMesh(HeadLossModel formula = HeadLossModel.HazenWilliams) =>
        CompiledNetwork.Compile(WithFormula(ThreeSourceMeshNetwork(), formula));

    private static Network ThreeSourceMeshNetwork()
    {
        var junctions = Enumerable.Range(1, 9).Select(i => new Junction($"J{i}", 2.0 * (i % 4), [new DemandComponent(0.004 + 0.001 * i)])).ToList();
        var pipes = new List<Pipe>();
        var rng = new Random(7);
        int n = 0;
        void Add(string a, string b, double d, double k = 0)
        {
            n++;
            var (n1, n2) = n % 2 == 0 ? (b, a) : (a, b);
            pipes.Add(new Pipe($"P{n}", n1, n2, 200 + 300 * rng.NextDouble(), d, 100 + 40 * rng.NextDouble(), MinorLoss: k));
        }
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 3; c++)
            {
                int i = 3 * r + c + 1;
                if (c < 2) Add($"J{i}", $"J{i + 1}", 0.15, k: i == 2 ? 2.5 : 0);
                if (r < 2) Add($"J{i}", $"J{i + 3}", 0.125, k: i == 4 ? 0.8 : 0);
            }
        Add("R1", "J1", 0.3, k: 1.2);
        Add("R2", "J9", 0.25);
        Add("T1", "J3", 0.2);
        Add("R1", "R2", 0.1);
        return new Network
        {
            Junctions = junctions,
            Reservoirs = [new Reservoir("R1", 60), new Reservoir("R2", 52)],
            Tanks = [new Tank("T1", 40, 8, 0, 20, 15)],
            Pipes = pipes,
        };
    }

    /// <summary>
    /// The network under another head-loss formula, each pipe with a roughness of that formula drawn from its index:
    /// Darcy–Weisbach ε from 0.01 to 2 mm, Chezy–Manning n from 0.009 to 0.016.
    /// </summary>
    internal static Network WithFormula(Network net, HeadLossModel formula)
    {
        if (formula == HeadLossModel.HazenWilliams) return net;
        var pipes = net.Pipes.Select((p, i) => p with
        {
            Roughness = formula == HeadLossModel.DarcyWeisbach ? 1e-5 + 1.99e-3 * (i * 0.618034 % 1.0) : 0.009 + 0.007 * (i * 0.618034 % 1.0),
        }).ToList();
        return net with { Pipes = pipes, Options = net.Options with { HeadLoss = formula } };
    }

    /// <summary>A test network by name: MESH, a bundled or reference network, either with "-DW" or "-CM" for <see cref="WithFormula"/>.</summary>
    internal static CompiledNetwork Load(string name)
    {
        var formula = name.EndsWith("-DW") ? HeadLossModel.DarcyWeisbach : name.EndsWith("-CM") ? HeadLossModel.ChezyManning : HeadLossModel.HazenWilliams;
        if (formula != HeadLossModel.HazenWilliams) name = name[..^3];
        var net = name == "MESH" ? ThreeSourceMeshNetwork() : ScenarioFile.Load(HydraulicsTestData.NetworkFile(name)).Scenario.Network;
        return CompiledNetwork.Compile(WithFormula(net, formula));
    }

    /// <summary>Network, lanes, and whether the default (auto) picks the loop form for it.</summary>
    public static TheoryData<string, int, bool> Networks() => new()
    {
        { "HAN", 37, true }, { "TLN", 19, true }, { "MESH", 29, false },
        { "BLA", 17, true }, { "Net2", 11, true }, { "layouts-looped", 13, true }, // two reservoirs
        { "TRN", 21, false }, // two reservoirs, 7 loops in 10 junctions
        { "BAK", 9, false }, { "FOS", 9, false }, // 23 and 22 loops: dense 23 × 23 systems when asked
        // 23 loops in 19 junctions: each of its 21 pipes has a parallel duplicate of 0.0001 in. (not 0), tiny but laid,
        // so every lane and block takes the loop form when asked; auto keeps the junctions, whose system is the cheaper.
        { "NYT", 15, false },
        { "HAN-DW", 23, true }, { "MESH-DW", 27, false }, { "DWLOOP", 31, true }, // Darcy–Weisbach
        { "HAN-CM", 21, true }, { "MESH-CM", 25, false }, // Chezy–Manning
    };

    public static TheoryData<string, int> NetworkNames()
    {
        var data = new TheoryData<string, int>();
        foreach (var row in Networks()) data.Add((string)row[0], (int)row[1]);
        return data;
    }

    /// <summary>Both batches warm-started from their solved flows, with the demands moved by up to 10 %: EPANET's next hydraulic period.</summary>
    private static void NextPeriod(HydraulicBatch a, HydraulicBatch b, Random rng)
    {
        for (int x = 0; x < a.Demand.Length; x++)
        {
            double f = 0.9 + 0.2 * rng.NextDouble();
            a.Demand[x] *= f;
            b.Demand[x] *= f;
        }
        a.WarmStart = b.WarmStart = true;
    }


    [Theory]
    [MemberData(nameof(Networks))]
    public void LoopFormAgreesWithTheScalarGgaLaneByLane(string name, int k, bool auto)
    {
        var net = Load(name);
        Assert.Equal(auto, LoopBasis.WherePaying(net) is not null);
        Assert.NotNull(LoopBasis.WherePaying(net, LoopFlowMode.Always));
        var workspaces = new GgaBatchSolver.Workspaces(net, LoopFlowMode.Always);
        var (scalar, simd) = RandomBatches(net, k, seed: k);
        new ScalarBackend().SolveHydraulics(scalar);
        GgaBatchSolver.Solve(simd, 2, workspaces);
        AssertSame(net, scalar, simd);
        // Every block took the loop form: the agreement above is the loop form's, not the junction GGA's fallback.
        Assert.Equal(Blocks(k), workspaces.BlocksSolvedByLoops);

        NextPeriod(scalar, simd, new Random(3));
        new ScalarBackend().SolveHydraulics(scalar);
        GgaBatchSolver.Solve(simd, 2, workspaces);
        AssertSame(net, scalar, simd);
        Assert.Equal(2 * Blocks(k), workspaces.BlocksSolvedByLoops);
    }

    /// <summary>
    /// The Darcy–Weisbach rows above are worth their name only if the lanes' pipes run in each friction regime that
    /// EPANET's frictionfactor distinguishes: laminar (Re ≤ 2000), Dunlop's transitional cubic and Swamee–Jain.
    /// </summary>
    [Fact]
    public void DarcyWeisbachLanesInTheLoopFormRunInEveryFrictionRegime()
    {
        var net = Load("DWLOOP");
        int k = 31;
        var (scalar, simd) = RandomBatches(net, k, seed: k);
        var workspaces = new GgaBatchSolver.Workspaces(net, LoopFlowMode.Always);
        new ScalarBackend().SolveHydraulics(scalar);
        GgaBatchSolver.Solve(simd, 2, workspaces);
        AssertSame(net, scalar, simd);
        Assert.Equal(Blocks(k), workspaces.BlocksSolvedByLoops);
        GgaParityTests.AssertRegimesReached(net, simd);
    }

    /// <summary>Lane blocks of a <paramref name="lanes"/>-lane batch at this process's lane width.</summary>
    private static int Blocks(int lanes) => (lanes + GgaBatchSolver.LaneWidth - 1) / GgaBatchSolver.LaneWidth;

    /// <summary>
    /// The GPU kernel's loop form (LoopLaneSolver, one lane at a time) run on the host with .NET's Math: the same
    /// iterates as the scalar junction GGA, cold and warm.
    /// </summary>
    [Theory]
    [MemberData(nameof(NetworkNames))]
    public void TheLaneSolverAgreesWithTheScalarGgaLaneByLane(string name, int k)
    {
        var net = Load(name);
        var basis = LoopBasis.WherePaying(net, LoopFlowMode.Always)!;
        var (scalar, lanes) = RandomBatches(net, k, seed: k + 100);
        new ScalarBackend().SolveHydraulics(scalar);
        int byLoops = SolveByLoopLanes(lanes, basis);
        AssertSame(net, scalar, lanes);
        Assert.Equal(k, byLoops);

        NextPeriod(scalar, lanes, new Random(4));
        new ScalarBackend().SolveHydraulics(scalar);
        SolveByLoopLanes(lanes, basis);
        AssertSame(net, scalar, lanes);
    }

    /// <summary>
    /// A tank full at time zero gives every lane a tank state bit, which the loop form would hand to the junctions block
    /// by block: no basis is offered (so the reported method is the one taken), and the lanes match the scalar GGA.
    /// </summary>
    [Fact]
    public void A_tank_full_at_time_zero_keeps_the_mesh_over_the_junctions()
    {
        var mesh = ThreeSourceMeshNetwork();
        var full = CompiledNetwork.Compile(mesh with { Tanks = mesh.Tanks.Select(t => t with { InitLevel = t.MaxLevel }).ToList() });
        Assert.NotNull(LoopBasis.WherePaying(ThreeSourceMesh(), LoopFlowMode.Always));
        Assert.Contains(full.TimeZeroLinkState, b => b != 0);
        Assert.Null(LoopBasis.WherePaying(full, LoopFlowMode.Always));
        var (scalar, simd) = RandomBatches(full, 19, seed: 8);
        new ScalarBackend().SolveHydraulics(scalar);
        var workspaces = new GgaBatchSolver.Workspaces(full, LoopFlowMode.Always);
        GgaBatchSolver.Solve(simd, 2, workspaces);
        AssertSame(full, scalar, simd);
        Assert.Equal(0, workspaces.BlocksSolvedByLoops);
    }

    [Fact]
    public void TheLaneSolverHandsAClosedPipeOrAZeroRoughnessToTheGga()
    {
        var net = ThreeSourceMesh();
        var basis = LoopBasis.WherePaying(net, LoopFlowMode.Always)!;
        var (scalar, lanes) = RandomBatches(net, 6, seed: 9);
        foreach (var b in new[] { scalar, lanes })
        {
            b.SetPipe(1, 4, 0.0);
            b.SetPipe(4, 2, 0.15, roughness: 0);
        }
        new ScalarBackend().SolveHydraulics(scalar);
        Assert.Equal(4, SolveByLoopLanes(lanes, basis));
        Assert.Equal(LaneStatus.Singular, lanes.Status[4]);
        Assert.Equal(1, lanes.Closed[4 * 6 + 1]);
        AssertSame(net, scalar, lanes);
    }

    /// <summary>Solves every lane with LoopLaneSolver on the host; returns how many took the loop form.</summary>
    private static int SolveByLoopLanes(HydraulicBatch batch, LoopBasis basis)
    {
        var net = new HostGgaNetwork(batch.Network);
        var tables = new HostLoopTables(basis);
        var scratch = new HostGgaScratch(batch.Network, basis);
        int byLoops = 0;
        for (int lane = 0; lane < batch.Count; lane++)
        {
            var one = new HostGgaLane(batch, lane, scratch);
            if (LoopLaneSolver.TrySolve<HostGgaNetwork, HostLoopTables, HostGgaLane, HostMath>(net, tables, one)) byLoops++;
            else GgaLaneSolver.Solve(net, one);
        }
        return byLoops;
    }

    [Fact]
    public void BlocksWithAClosedPipeOrAZeroRoughnessFallBackToTheGga()
    {
        var net = ThreeSourceMesh();
        var (scalar, simd) = RandomBatches(net, 16, seed: 5);
        foreach (var b in new[] { scalar, simd })
        {
            b.SetPipe(3, 4, 0.0);                  // closed in lane 3 (first block)
            b.SetPipe(12, 2, 0.15, roughness: 0);  // infinite resistance in lane 12 (second block)
        }
        new ScalarBackend().SolveHydraulics(scalar);
        var workspaces = new GgaBatchSolver.Workspaces(net, LoopFlowMode.Always);
        GgaBatchSolver.Solve(simd, 1, workspaces);
        Assert.Equal(LaneStatus.Singular, scalar.Status[12]);
        Assert.Equal(1, scalar.Closed[4 * 16 + 3]);
        AssertSame(net, scalar, simd);
        // The blocks holding lane 3 or lane 12 fall back (both blocks at 8 lanes), the others take the loop form.
        int w = GgaBatchSolver.LaneWidth;
        Assert.Equal(Blocks(16) - new[] { 3 / w, 12 / w }.Distinct().Count(), workspaces.BlocksSolvedByLoops);
    }

    [Fact]
    public void OnlyTheBlocksWithAClosedPipeOrAZeroRoughnessFallBack()
    {
        // Four blocks at any lane width: a closed pipe in block 1, a zero roughness in block 3, blocks 0 and 2 clean.
        int w = GgaBatchSolver.LaneWidth, k = 4 * w;
        var net = ThreeSourceMesh();
        var (scalar, simd) = RandomBatches(net, k, seed: 6);
        foreach (var b in new[] { scalar, simd })
        {
            b.SetPipe(w + w / 2, 4, 0.0);
            b.SetPipe(3 * w + w - 1, 2, 0.15, roughness: 0);
        }
        new ScalarBackend().SolveHydraulics(scalar);
        var workspaces = new GgaBatchSolver.Workspaces(net, LoopFlowMode.Always);
        GgaBatchSolver.Solve(simd, 2, workspaces);
        Assert.Equal(LaneStatus.Singular, scalar.Status[3 * w + w - 1]);
        Assert.Equal(1, scalar.Closed[4 * k + w + w / 2]);
        AssertSame(net, scalar, simd);
        Assert.Equal(2, workspaces.BlocksSolvedByLoops);
    }

    [Fact]
    public void A_lanes_answer_does_not_depend_on_the_roughness_of_its_block_mates()
    {
        // Lane 0 is the same design in both batches; in the second, lane 5 has another roughness on every pipe, so
        // the block takes the vector log of C instead of the value kept for a uniform block. Bit for bit the same.
        var net = HydraulicsTestData.Compile("HAN");
        var uniform = new HydraulicBatch(net, 8);
        var mixed = new HydraulicBatch(net, 8);
        for (int pipe = 0; pipe < net.PipeCount; pipe++)
        {
            double c = 90 + 1.37 * pipe + 0.011 * pipe * pipe;
            for (int lane = 0; lane < 8; lane++)
            {
                double d = net.BaseDiameter[pipe] * (0.8 + 0.05 * lane);
                uniform.SetPipe(lane, pipe, d, roughness: c);
                mixed.SetPipe(lane, pipe, d, roughness: lane == 5 ? c - 20 : c);
            }
        }
        var workspaces = new GgaBatchSolver.Workspaces(net, LoopFlowMode.Always);
        GgaBatchSolver.Solve(uniform, 1, workspaces);
        GgaBatchSolver.Solve(mixed, 1, workspaces);
        // Both batches went by loops: this compares the loop form's lanes, not the junction GGA's.
        Assert.Equal(2 * Blocks(8), workspaces.BlocksSolvedByLoops);
        for (int n = 0; n < net.NodeCount; n++) Assert.Equal(uniform.Head[n * 8], mixed.Head[n * 8]);
        for (int i = 0; i < net.LinkCount; i++) Assert.Equal(uniform.Flow[i * 8], mixed.Flow[i * 8]);
        Assert.NotEqual(uniform.Head[30 * 8 + 5], mixed.Head[30 * 8 + 5]);
    }

    private static (HydraulicBatch Scalar, HydraulicBatch Simd) RandomBatches(CompiledNetwork net, int k, int seed)
    {
        var rng = new Random(seed);
        var scalar = new HydraulicBatch(net, k);
        var simd = new HydraulicBatch(net, k);
        for (int lane = 0; lane < k; lane++)
        {
            double mult = 0.3 + 1.4 * rng.NextDouble();
            for (int pipe = 0; pipe < net.PipeCount; pipe++)
            {
                double d = net.BaseDiameter[pipe] * (0.5 + rng.NextDouble());
                scalar.SetPipe(lane, pipe, d);
                simd.SetPipe(lane, pipe, d);
            }
            for (int j = 0; j < net.JunctionCount; j++)
            {
                scalar.Demand[j * k + lane] *= mult;
                simd.Demand[j * k + lane] *= mult;
            }
            for (int f = 0; f < net.FixedCount; f++)
            {
                double h = scalar.FixedHead[f * k + lane] + 4 * (rng.NextDouble() - 0.5);
                scalar.FixedHead[f * k + lane] = h;
                simd.FixedHead[f * k + lane] = h;
            }
        }
        return (scalar, simd);
    }

    /// <summary>
    /// Same status and trials; heads within 1e-9 relative + 1e-7 m, flows within 1e-8 of (|Q| + the lane's mean |Q|)
    /// + 1e-10 m³/s: the GGA's stopping rule weighs a flow by the lane's total, so a pipe carrying a thousandth of
    /// its neighbours' flow keeps their rounding (seen: 1e-10 of the mean flow on a Chezy–Manning Hanoi lane, 1.5e-6
    /// of that pipe's own).
    /// </summary>
    private static void AssertSame(CompiledNetwork net, HydraulicBatch scalar, HydraulicBatch simd)
    {
        int k = scalar.Count;
        for (int lane = 0; lane < k; lane++)
        {
            Assert.Equal(scalar.Status[lane], simd.Status[lane]);
            Assert.Equal(scalar.Iterations[lane], simd.Iterations[lane]);
            if (scalar.Status[lane] == LaneStatus.Singular) continue;
            for (int n = 0; n < net.NodeCount; n++)
            {
                double a = scalar.Head[n * k + lane], b = simd.Head[n * k + lane];
                Assert.True(Math.Abs(a - b) <= 1e-9 * Math.Abs(a) + 1e-7, $"lane {lane} node {net.NodeIds[n]}: {a:R} vs {b:R}");
            }
            double mean = 0;
            for (int i = 0; i < net.LinkCount; i++) mean += Math.Abs(scalar.Flow[i * k + lane]) / net.LinkCount;
            for (int i = 0; i < net.LinkCount; i++)
            {
                double a = scalar.Flow[i * k + lane], b = simd.Flow[i * k + lane];
                Assert.True(Math.Abs(a - b) <= 1e-8 * (Math.Abs(a) + mean) + 1e-10, $"lane {lane} link {net.LinkIds[i]}: {a:R} vs {b:R}");
                Assert.Equal(scalar.Closed[i * k + lane], simd.Closed[i * k + lane]);
            }
        }
    }
}
