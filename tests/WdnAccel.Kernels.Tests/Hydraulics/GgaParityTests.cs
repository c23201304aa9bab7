using WdnAccel.Core.Hydraulics;
using WdnAccel.Kernels.Scalar;
using WdnAccel.Kernels.Simd;

namespace WdnAccel.Kernels.Tests.Hydraulics;

/// <summary>
/// The SIMD lane-block GGA against the scalar oracle, lane by lane, for odd K = 1..67 with random catalog designs
/// and mixed demand multipliers. Both paths take the same decisions, so status and trial count must be identical;
/// heads and flows differ only through the last bits of the vector exp/log used for |Q|^0.852 (≤ 3e-15 relative, checked;
/// Darcy–Weisbach: Re^0.9 and the friction factor's log),
/// amplified by the conditioning of random Hanoi designs (near-zero flows, heads of −1000s of m): observed ≤ 3e-8
/// relative. Tolerance: 1e-7 relative + 1e-6 m on heads; 1e-8 of (|Q| + the lane's mean |Q|) + 1e-9 m³/s on flows
/// (a closed link's CBIG leak flow is ~1e-9 m³/s; the stopping rule weighs flows by the lane's total). Far below what
/// the accuracy 0.001 stopping rule resolves, and tight enough that a 1e-4 error in the Darcy–Weisbach gradient's
/// friction-factor term shows. Each case runs the backend's default Newton steps and the junction form alone (where the
/// default takes the loop-flow form, LoopFlowParityTests covers that form).
/// </summary>
public class GgaParityTests
{
    private static readonly double[] HanoiCatalog = [0.3048, 0.4064, 0.508, 0.6096, 0.762, 1.016];

    public static TheoryData<string, int> Sizes()
    {
        var data = new TheoryData<string, int>();
        for (int k = 1; k <= 67; k += 6) data.Add("HAN", k);
        data.Add("PUMPCV", 5);
        data.Add("PUMPCV", 13);
        data.Add("NYT", 9);
        data.Add("GOY", 11); // constant-power pump
        data.Add("CMLOOP", 7);  // Chezy–Manning: a minor loss, a check valve, a low-flow branch
        data.Add("CMLOOP", 33);
        data.Add("DWLOOP", 7);  // Darcy–Weisbach: a minor loss, a 50 mm branch at laminar and transitional Reynolds numbers
        data.Add("DWLOOP", 33);
        return data;
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void SimdAgreesWithScalarLaneByLane(string name, int k)
    {
        var net = HydraulicsTestData.Compile(name);
        var rng = new Random(1000 + k);
        var scalar = new HydraulicBatch(net, k);
        var simd = new HydraulicBatch(net, k);
        for (int lane = 0; lane < k; lane++)
        {
            double mult = 0.5 + rng.NextDouble();
            for (int pipe = 0; pipe < net.PipeCount; pipe++)
            {
                double d = name == "HAN" ? HanoiCatalog[rng.Next(HanoiCatalog.Length)]
                    : net.BaseDiameter[pipe] < 0.01 ? (rng.Next(4) == 0 ? 0.0 : 0.9 + 3 * rng.NextDouble()) // NYT: some "no duplicate"
                    : net.BaseDiameter[pipe] * (0.7 + 0.6 * rng.NextDouble());
                scalar.SetPipe(lane, pipe, d);
                simd.SetPipe(lane, pipe, d);
            }
            for (int j = 0; j < net.JunctionCount; j++)
            {
                scalar.Demand[j * k + lane] *= mult;
                simd.Demand[j * k + lane] *= mult;
            }
        }
        var junctionsOnly = Ilgpu.GgaIlgpuTests.Copy(simd);
        new ScalarBackend().SolveHydraulics(scalar);
        new SimdBackend(2).SolveHydraulics(simd);
        new SimdBackend(2, LoopFlowMode.Never).SolveHydraulics(junctionsOnly);
        if (name == "DWLOOP") AssertRegimesReached(net, scalar);
        AssertSameLanes(net, scalar, simd);
        AssertSameLanes(net, scalar, junctionsOnly);
    }

    private static void AssertSameLanes(CompiledNetwork net, HydraulicBatch scalar, HydraulicBatch simd)
    {
        int k = scalar.Count;
        for (int lane = 0; lane < k; lane++)
        {
            Assert.Equal(scalar.Status[lane], simd.Status[lane]);
            Assert.Equal(scalar.Iterations[lane], simd.Iterations[lane]);
            for (int n = 0; n < net.NodeCount; n++)
            {
                Assert.True(Math.Abs(scalar.Head[n * k + lane] - simd.Head[n * k + lane]) <= 1e-7 * Math.Abs(scalar.Head[n * k + lane]) + 1e-6,
                    $"lane {lane} node {net.NodeIds[n]}: {scalar.Head[n * k + lane]:R} vs {simd.Head[n * k + lane]:R}");
            }
            double mean = 0;
            for (int i = 0; i < net.LinkCount; i++) mean += Math.Abs(scalar.Flow[i * k + lane]) / net.LinkCount;
            for (int i = 0; i < net.LinkCount; i++)
            {
                double a = scalar.Flow[i * k + lane], b = simd.Flow[i * k + lane];
                Assert.True(Math.Abs(a - b) <= 1e-8 * (Math.Abs(a) + mean) + 1e-9, $"lane {lane} link {net.LinkIds[i]}: {a:R} vs {b:R}");
                Assert.Equal(scalar.Closed[i * k + lane], simd.Closed[i * k + lane]);
            }
        }
    }

    /// <summary>
    /// The Darcy–Weisbach cases are meant to exercise every friction-factor regime in the vector blocks: some lane's
    /// solved flow must be laminar (Re &lt; 2000), some transitional and some turbulent (LinkFormulas.Regime).
    /// </summary>
    internal static void AssertRegimesReached(CompiledNetwork net, HydraulicBatch batch)
    {
        var seen = new HashSet<FlowRegime>();
        int k = batch.Count;
        for (int lane = 0; lane < k; lane++)
        {
            for (int i = 0; i < net.PipeCount; i++)
            {
                double d = batch.Diameter[i * k + lane];
                if (d > 0) seen.Add(LinkFormulas.Regime(LinkFormulas.Reynolds(batch.Flow[i * k + lane], d, net.Viscosity)));
            }
        }
        Assert.Equal(new[] { FlowRegime.Laminar, FlowRegime.Transitional, FlowRegime.Turbulent }, seen.Order());
    }

    [Fact]
    public void ReusedBatchGivesTheSameAnswer()
    {
        var net = HydraulicsTestData.Compile("HAN");
        var batch = new HydraulicBatch(net, 11);
        var backend = new SimdBackend(2);
        backend.SolveHydraulics(batch);
        var first = (double[])batch.Head.Clone();
        batch.SetPipe(3, 0, 0.3048);
        backend.SolveHydraulics(batch);
        Assert.NotEqual(first[30 * 11 + 3], batch.Head[30 * 11 + 3]);
        batch.SetPipe(3, 0, net.BaseDiameter[0]);
        backend.SolveHydraulics(batch);
        Assert.Equal(first, batch.Head);
    }
}
