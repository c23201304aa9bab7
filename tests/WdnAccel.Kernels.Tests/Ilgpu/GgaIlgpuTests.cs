using System.Text.Json;
using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Io;
using WdnAccel.Core.Io.Inp;
using WdnAccel.Kernels.Ilgpu;
using WdnAccel.Kernels.Scalar;
using WdnAccel.Kernels.Tests.Hydraulics;

namespace WdnAccel.Kernels.Tests.Ilgpu;

/// <summary>
/// The ILGPU GGA kernel (<see cref="Kernels.Ilgpu.HydraulicKernels.Gga"/>, one thread per lane) on ILGPU's CPU accelerator
/// against the scalar oracle <see cref="GgaScalarSolver"/>, lane by lane. Both run the same C# (GgaLaneSolver); the
/// kernel takes pow and log from DeviceMath (what a GPU runs) instead of the host's libm, so statuses, trial counts
/// and closed flags must be identical and values equal to the last bits that DeviceMath's ≤ 64 ulp pow moves,
/// amplified by ill-conditioned random designs (two-loop with 1-inch mains has heads of −5e6 m): heads 1e-7 relative
/// + 1e-6 m; flows 1e-6 of (|Q| + the lane's mean |Q|) + 1e-9 m³/s, since the GGA's stopping rule weighs flows by the
/// lane's total (seen: 2e-9 m³/s on a 0.9 L/s pipe beside 100s of L/s). The final Σ|ΔQ|/Σ|Q| is a ratio of the
/// last, tiny corrections and so amplifies those bits by ~1/accuracy: compared to 1e-2 relative. Networks from
/// data/networks/*.inp, designs drawn from the scenario's catalog, demands scaled 0.5–1.5 per lane.
/// </summary>
[Collection(IlgpuCollection.Name)]
public sealed class GgaIlgpuTests
{
    private static readonly Dictionary<string, (CompiledNetwork Net, double[] Catalog)> Networks = [];

    private static (CompiledNetwork Net, double[] Catalog) Load(string name)
    {
        lock (Networks)
        {
            if (Networks.TryGetValue(name, out var cached)) return cached;
            var network = InpReader.ReadFile(Path.Combine(HydraulicsTestData.Root, "data", "networks", name + ".inp")).Scenario.Network;
            var design = ScenarioFile.Load(Path.Combine(HydraulicsTestData.Root, "data", "scenarios", name + ".wdn")).Scenario.Design
                ?? throw new InvalidOperationException($"{name}.wdn has no design block");
            var entry = (CompiledNetwork.Compile(network), design.Catalog.Select(c => c.Diameter).ToArray());
            Networks[name] = entry;
            return entry;
        }
    }

    public static TheoryData<string, int> OddSizes()
    {
        var data = new TheoryData<string, int>();
        foreach (var name in new[] { "TLN", "HAN" })
        {
            for (int k = 1; k <= 67; k += 2) data.Add(name, k);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(OddSizes))]
    public void Every_lane_matches_the_scalar_oracle(string name, int k)
    {
        var (net, catalog) = Load(name);
        var rng = new Random(7000 + k);
        var device = new HydraulicBatch(net, k);
        for (int lane = 0; lane < k; lane++)
        {
            double mult = 0.5 + rng.NextDouble();
            for (int pipe = 0; pipe < net.PipeCount; pipe++) device.SetPipe(lane, pipe, catalog[rng.Next(catalog.Length)]);
            for (int j = 0; j < net.JunctionCount; j++) device.Demand[j * k + lane] *= mult;
        }
        var oracle = Copy(device);
        GgaScalarSolver.Solve(oracle);
        IlgpuTestDevice.Backend.SolveHydraulics(device);
        AssertLanesEqual(oracle, device);
    }

    /// <summary>
    /// Hanoi and two-loop take the loop-flow kernel by default (see the theory above); here the junction kernel on the
    /// same networks, and the loop kernel on a mesh with pseudo-loops between two reservoirs and a tank, minor losses,
    /// a pipe joining the reservoirs, lanes that fall back to the junction GGA in their own thread (a pipe not laid,
    /// zero roughness), and a warm start from the solved flows.
    /// </summary>
    [Theory]
    [InlineData("HAN", 33, LoopFlowMode.Never)]
    [InlineData("TLN", 7, LoopFlowMode.Never)]
    [InlineData("MESH", 21, LoopFlowMode.Always)]
    [InlineData("MESH-DW", 19, LoopFlowMode.Always)] // Darcy–Weisbach
    [InlineData("MESH-CM", 17, LoopFlowMode.Always)] // Chezy–Manning
    [InlineData("HAN-DW", 15, LoopFlowMode.Auto)]
    public void Both_forms_of_the_newton_step_match_the_scalar_oracle(string name, int k, LoopFlowMode mode)
    {
        bool mesh = name.StartsWith("MESH");
        var net = name.Contains('-') ? LoopFlowParityTests.Load(name) : mesh ? LoopFlowParityTests.ThreeSourceMesh() : Load(name).Net;
        var rng = new Random(k);
        var device = new HydraulicBatch(net, k);
        for (int lane = 0; lane < k; lane++)
        {
            double mult = 0.5 + rng.NextDouble();
            for (int pipe = 0; pipe < net.PipeCount; pipe++) device.SetPipe(lane, pipe, net.BaseDiameter[pipe] * (0.6 + 0.8 * rng.NextDouble()));
            for (int j = 0; j < net.JunctionCount; j++) device.Demand[j * k + lane] *= mult;
        }
        if (mesh)
        {
            device.SetPipe(2, 4, 0.0);
            device.SetPipe(5, 2, 0.15, roughness: 0);
        }
        var oracle = Copy(device);
        using var session = new IlgpuHydraulicSession(IlgpuTestDevice.Backend.Accelerator, net, k, mode);
        Assert.Equal(mode == LoopFlowMode.Never, session.Loops is null);
        GgaScalarSolver.Solve(oracle);
        session.Solve(device);
        AssertLanesEqual(oracle, device);
        if (!mesh) return;
        // A zero C makes a Hazen–Williams pipe's resistance infinite; a zero ε is a smooth Darcy–Weisbach pipe.
        if (name == "MESH") Assert.Equal(LaneStatus.Singular, device.Status[5]);
        Assert.Equal(1, device.Closed[4 * k + 2]);

        for (int x = 0; x < device.Demand.Length; x++) oracle.Demand[x] = device.Demand[x] *= 0.9 + 0.2 * rng.NextDouble();
        device.Flow.CopyTo(oracle.Flow, 0);
        device.Closed.CopyTo(oracle.Closed, 0);
        oracle.WarmStart = device.WarmStart = true;
        GgaScalarSolver.Solve(oracle);
        session.Solve(device);
        AssertLanesEqual(oracle, device);
    }

    [Theory]
    [InlineData("PUMPCV", 13)] // power-curve pump and check valve closing and reopening
    [InlineData("NYT", 9)]     // "no duplicate" pipes (diameter 0) fixed closed per lane
    public void Status_handling_matches_the_scalar_oracle(string name, int k)
    {
        var net = HydraulicsTestData.Compile(name);
        var rng = new Random(31 * k);
        var device = new HydraulicBatch(net, k);
        for (int lane = 0; lane < k; lane++)
        {
            double mult = 0.5 + rng.NextDouble();
            for (int pipe = 0; pipe < net.PipeCount; pipe++)
            {
                double d = net.BaseDiameter[pipe] < 0.01 ? (rng.Next(4) == 0 ? 0.0 : 0.9 + 3 * rng.NextDouble())
                    : net.BaseDiameter[pipe] * (0.7 + 0.6 * rng.NextDouble());
                device.SetPipe(lane, pipe, d);
            }
            for (int j = 0; j < net.JunctionCount; j++) device.Demand[j * k + lane] *= mult;
        }
        var oracle = Copy(device);
        GgaScalarSolver.Solve(oracle);
        IlgpuTestDevice.Backend.SolveHydraulics(device);
        AssertLanesEqual(oracle, device);
        if (name == "PUMPCV") Assert.Contains(device.Closed, c => c == 1);
    }

    [Fact]
    public void Constant_power_pump_matches_the_scalar_oracle()
    {
        var net = HydraulicsTestData.Compile("GOY");
        Assert.Contains(net.PumpConstantPower, p => p);
        const int k = 11;
        var rng = new Random(5);
        var device = new HydraulicBatch(net, k);
        for (int lane = 0; lane < k; lane++)
        {
            for (int pipe = 0; pipe < net.PipeCount; pipe++) device.SetPipe(lane, pipe, net.BaseDiameter[pipe] * (0.7 + 0.6 * rng.NextDouble()));
        }
        var oracle = Copy(device);
        GgaScalarSolver.Solve(oracle);
        IlgpuTestDevice.Backend.SolveHydraulics(device);
        AssertLanesEqual(oracle, device);
    }

    [Fact]
    public void Singular_and_trial_limit_lanes_are_flagged_like_the_oracle()
    {
        var (net, _) = Load("HAN");
        var batch = new HydraulicBatch(net, 5);
        batch.SetPipe(2, 5, net.BaseDiameter[5], roughness: 0); // C = 0: infinite resistance, a zero pivot
        var oracle = Copy(batch);
        GgaScalarSolver.Solve(oracle);
        Assert.Equal(LaneStatus.Singular, oracle.Status[2]);
        IlgpuTestDevice.Backend.SolveHydraulics(batch);
        AssertLanesEqual(oracle, batch);

        var limited = CompiledNetwork.Compile(net.Source with { Options = net.Source.Options with { MaxTrials = 2 } });
        var few = new HydraulicBatch(limited, 3);
        IlgpuTestDevice.Backend.SolveHydraulics(few);
        Assert.All(few.Status, s => Assert.Equal(LaneStatus.NotConverged, s));
        Assert.All(few.Iterations, i => Assert.Equal(2, i));
    }

    /// <summary>
    /// The loop-flow kernel with its per-trial scratch in the group's shared memory runs the same arithmetic as with
    /// it in device memory, so every output matches bit for bit: on Hanoi and two-loop with lanes that share their
    /// demands and lanes that do not, batch sizes that leave the last group part-empty, and on the three-source mesh
    /// with lanes that fall back to the junction GGA (a pipe not laid, zero roughness) and a warm start.
    /// </summary>
    [Theory]
    [InlineData("HAN", 1)]
    [InlineData("HAN", 33)]
    [InlineData("HAN", 45)]
    [InlineData("TLN", 67)]
    [InlineData("MESH", 21)]
    [InlineData("MESH-DW", 23)]
    [InlineData("HAN-CM", 19)]
    public void Scratch_in_shared_memory_ends_where_scratch_in_device_memory_does(string name, int k)
    {
        bool mesh = name.StartsWith("MESH");
        var net = name.Contains('-') ? LoopFlowParityTests.Load(name) : mesh ? LoopFlowParityTests.ThreeSourceMesh() : Load(name).Net;
        var rng = new Random(3 * k);
        var inShared = new HydraulicBatch(net, k);
        for (int lane = 0; lane < k; lane++)
            for (int pipe = 0; pipe < net.PipeCount; pipe++) inShared.SetPipe(lane, pipe, net.BaseDiameter[pipe] * (0.6 + 0.8 * rng.NextDouble()));
        if (mesh)
        {
            inShared.SetPipe(2, 4, 0.0);
            inShared.SetPipe(5, 2, 0.15, roughness: 0);
        }
        var accelerator = IlgpuTestDevice.Backend.Accelerator;
        using var shared = new IlgpuHydraulicSession(accelerator, net, k, LoopFlowMode.Always, GgaScratchMemory.Shared);
        using var device = new IlgpuHydraulicSession(accelerator, net, k, LoopFlowMode.Always, GgaScratchMemory.Device);
        Assert.InRange(shared.SharedScratchLanesPerGroup, 1, DeviceSharedScratch.MostLanesPerGroup);
        Assert.Equal(0, shared.SharedScratchLanesPerGroup % accelerator.WarpSize);
        Assert.Equal(0, device.SharedScratchLanesPerGroup);
        Assert.Contains("shared memory", shared.Method);
        var inDevice = Copy(inShared);
        foreach (string step in new[] { "shared demands", "per-lane demands", "warm start" })
        {
            if (step == "per-lane demands")
                for (int x = 0; x < inShared.Demand.Length; x++) inDevice.Demand[x] = inShared.Demand[x] *= 0.5 + rng.NextDouble();
            if (step == "warm start")
            {
                // From the solved flows and closed flags, which both batches hold alike (asserted below).
                if (!mesh) continue;
                inShared.WarmStart = inDevice.WarmStart = true;
            }
            shared.Solve(inShared);
            device.Solve(inDevice);
            Assert.Equal(step == "shared demands" || k == 1, shared.SharesForestFlows);
            Assert.Equal(inDevice.Status, inShared.Status);
            Assert.Equal(inDevice.Iterations, inShared.Iterations);
            Assert.Equal(inDevice.Head, inShared.Head);
            Assert.Equal(inDevice.Flow, inShared.Flow);
            Assert.Equal(inDevice.Closed, inShared.Closed);
            Assert.Equal(inDevice.RelativeError, inShared.RelativeError);
            Assert.Contains(LaneStatus.Converged, inShared.Status);
        }
        if (name == "MESH") Assert.Equal(LaneStatus.Singular, inShared.Status[5]);
    }

    /// <summary>
    /// Lanes with the same demands (a population under one demand case) read forest flows the session computed once;
    /// lanes with their own build them per lane. Either way each lane ends bit for bit where the kernel's solver, run
    /// lane by lane on the host with the device's math and per-lane forest flows, ends.
    /// </summary>
    [Fact]
    public void Lanes_sharing_their_demands_share_forest_flows_and_end_where_per_lane_ones_do()
    {
        var (net, catalog) = Load("HAN");
        const int k = 45;
        var device = new HydraulicBatch(net, k);
        var rng = new Random(11);
        for (int lane = 0; lane < k; lane++)
            for (int pipe = 0; pipe < net.PipeCount; pipe++) device.SetPipe(lane, pipe, catalog[rng.Next(catalog.Length)]);
        using var session = new IlgpuHydraulicSession(IlgpuTestDevice.Backend.Accelerator, net, k);
        var basis = Assert.IsType<LoopBasis>(session.Loops);
        foreach (bool shared in new[] { true, false })
        {
            if (!shared) device.Demand[17 * k + 30] *= 1.25;
            var host = Copy(device);
            session.Solve(device);
            Assert.Equal(shared, session.SharesForestFlows);
            // Sharing lanes read the table and leave their own forest flows as allocated (zero); the others build theirs.
            Assert.Equal(shared, session.LaneForestFlows().All(q => q == 0));
            var scratch = new HostGgaScratch(net, basis);
            for (int lane = 0; lane < k; lane++)
                LoopLaneSolver.Solve<HostGgaNetwork, HostLoopTables, HostGgaLane, DeviceMath>(new HostGgaNetwork(net), new HostLoopTables(basis), new HostGgaLane(host, lane, scratch));
            Assert.Equal(host.Iterations, device.Iterations);
            Assert.Equal(host.Head, device.Head);
            Assert.Equal(host.Flow, device.Flow);
        }
    }

    [Fact]
    public void A_session_follows_changed_inputs_and_refuses_other_shapes()
    {
        var (net, catalog) = Load("HAN");
        const int k = 21;
        var batch = new HydraulicBatch(net, k);
        using var session = new IlgpuHydraulicSession(IlgpuTestDevice.Backend.Accelerator, net, k);
        session.Solve(batch);
        var first = (double[])batch.Head.Clone();

        batch.SetPipe(3, 0, catalog[0]);
        session.Solve(batch);
        var oracle = Copy(batch);
        GgaScalarSolver.Solve(oracle);
        AssertLanesEqual(oracle, batch);
        Assert.NotEqual(first[30 * k + 3], batch.Head[30 * k + 3]);

        batch.SetPipe(3, 0, net.BaseDiameter[0]);
        session.Solve(batch);
        Assert.Equal(first, batch.Head);
        Assert.Throws<ArgumentException>(() => session.Solve(new HydraulicBatch(net, k + 1)));
    }

    [Theory]
    [InlineData("TLN")]
    [InlineData("HAN")]
    [InlineData("NYT")]
    [InlineData("PUMPCV")]
    [InlineData("DWLOOP")] // Darcy–Weisbach
    [InlineData("CMLOOP")] // Chezy–Manning, US units, a check valve
    public void Pressures_and_flows_match_epanet(string name)
    {
        var net = HydraulicsTestData.Compile(name);
        using var doc = JsonDocument.Parse(File.ReadAllText(HydraulicsTestData.ReferenceFile(name)));
        var cases = doc.RootElement.GetProperty("cases").EnumerateArray().ToArray();
        var batch = new HydraulicBatch(net, cases.Length);
        for (int lane = 0; lane < cases.Length; lane++)
        {
            foreach (var d in cases[lane].GetProperty("diameters").EnumerateObject()) batch.SetPipe(lane, net.LinkIndex(d.Name), d.Value.GetDouble());
        }
        IlgpuTestDevice.Backend.SolveHydraulics(batch);
        // EPANET parity targets: |Δpressure| ≤ 0.001 m, flows within 1e-4 relative + 1e-7 m³/s.
        for (int lane = 0; lane < cases.Length; lane++)
        {
            string label = $"{name}/{cases[lane].GetProperty("design").GetString()}";
            Assert.True(batch.Status[lane] == LaneStatus.Converged, $"{label}: {batch.Status[lane]}");
            foreach (var node in cases[lane].GetProperty("nodes").EnumerateArray())
            {
                int n = net.NodeIndex(node.GetProperty("id").GetString()!);
                double ours = batch.Head[n * batch.Count + lane] - net.Elevation[n];
                double expected = node.GetProperty("pressure").GetDouble();
                Assert.True(Math.Abs(ours - expected) <= 0.001, $"{label}: node {net.NodeIds[n]} pressure {ours:R} vs EPANET {expected:R}");
            }
            foreach (var link in cases[lane].GetProperty("links").EnumerateArray())
            {
                int i = net.LinkIndex(link.GetProperty("id").GetString()!);
                double expected = link.GetProperty("flow").GetDouble();
                double ours = batch.Flow[i * batch.Count + lane];
                Assert.True(Math.Abs(ours - expected) <= 1e-4 * Math.Abs(expected) + 1e-7, $"{label}: link {net.LinkIds[i]} flow {ours:G8} vs EPANET {expected:G8}");
            }
        }
    }

    internal static HydraulicBatch Copy(HydraulicBatch source)
    {
        var copy = new HydraulicBatch(source.Network, source.Count);
        source.Diameter.CopyTo(copy.Diameter, 0);
        source.Roughness.CopyTo(copy.Roughness, 0);
        source.Demand.CopyTo(copy.Demand, 0);
        source.FixedHead.CopyTo(copy.FixedHead, 0);
        return copy;
    }

    internal static void AssertLanesEqual(HydraulicBatch oracle, HydraulicBatch device)
    {
        var net = oracle.Network;
        int k = oracle.Count;
        for (int lane = 0; lane < k; lane++)
        {
            Assert.True(oracle.Status[lane] == device.Status[lane], $"lane {lane}: status {device.Status[lane]}, oracle {oracle.Status[lane]}");
            Assert.True(oracle.Iterations[lane] == device.Iterations[lane], $"lane {lane}: {device.Iterations[lane]} trials, oracle {oracle.Iterations[lane]}");
            double ro = oracle.RelativeError[lane], rd = device.RelativeError[lane];
            Assert.True(double.IsNaN(ro) ? double.IsNaN(rd) : Math.Abs(ro - rd) <= 1e-2 * Math.Abs(ro) + 1e-12, $"lane {lane}: relative error {rd:R} vs {ro:R}");
            // A singular lane's heads and flows are those of an unfinished trial (infinite resistances included): not compared.
            if (oracle.Status[lane] == LaneStatus.Singular) continue;
            for (int n = 0; n < net.NodeCount; n++)
            {
                double a = oracle.Head[n * k + lane], b = device.Head[n * k + lane];
                Assert.True(Same(a, b) || Math.Abs(a - b) <= 1e-7 * Math.Abs(a) + 1e-6, $"lane {lane} node {net.NodeIds[n]}: {b:R} vs oracle {a:R}");
            }
            double meanFlow = 0;
            for (int i = 0; i < net.LinkCount; i++) meanFlow += Math.Abs(oracle.Flow[i * k + lane]) / net.LinkCount;
            for (int i = 0; i < net.LinkCount; i++)
            {
                double a = oracle.Flow[i * k + lane], b = device.Flow[i * k + lane];
                Assert.True(Same(a, b) || Math.Abs(a - b) <= 1e-6 * (Math.Abs(a) + meanFlow) + 1e-9, $"lane {lane} link {net.LinkIds[i]}: {b:R} vs oracle {a:R}");
                Assert.Equal(oracle.Closed[i * k + lane], device.Closed[i * k + lane]);
            }
        }
    }

    /// <summary>Equal, or both NaN (a singular lane's heads may be NaN in the oracle and on the device alike).</summary>
    private static bool Same(double a, double b) => a == b || (double.IsNaN(a) && double.IsNaN(b));
}
