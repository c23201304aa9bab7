using WdnAccel.Kernels.Ilgpu;
using WdnAccel.Kernels.Scalar;
using WdnAccel.Kernels.Tests.Paths;

namespace WdnAccel.Kernels.Tests.Ilgpu;

/// <summary>
/// The ILGPU kernels on ILGPU's CPU accelerator against the scalar k-i-j reference: distances bit for bit and
/// successors equal, per-step and blocked, double and float, sizes around the 32 tile edge; and the distances-only
/// kernels (an empty next) against the reference's distances with successors.
/// </summary>
public class FloydWarshallIlgpuTests(IlgpuCpuFixture fixture) : IClassFixture<IlgpuCpuFixture>
{
    private sealed class Recorder : IProgress<double>
    {
        public readonly List<double> Reports = [];
        public void Report(double value) => Reports.Add(value);
    }

    public static TheoryData<FloydWarshallMode, int, double, int, bool> Graphs()
    {
        var data = new TheoryData<FloydWarshallMode, int, double, int, bool>();
        int[] sizes = [1, 2, 5, 31, 32, 33, 64, 65, 97, 130];
        foreach (var mode in new[] { FloydWarshallMode.PerStep, FloydWarshallMode.Blocked })
            for (int s = 0; s < sizes.Length; s++)
            {
                int n = sizes[s];
                // Rotate sparse real, dense real, sparse integer (many ties) over the sizes.
                switch ((s + (mode == FloydWarshallMode.Blocked ? 1 : 0)) % 3)
                {
                    case 0: data.Add(mode, n, 0.08, 10 + s, false); break;
                    case 1: data.Add(mode, n, 0.7, 20 + s, false); break;
                    default: data.Add(mode, n, 0.1, 30 + s, true); break;
                }
            }
        // The larger sizes in every kind, blocked (the kernel with the most room for a wrong order).
        data.Add(FloydWarshallMode.Blocked, 97, 0.1, 41, true);
        data.Add(FloydWarshallMode.Blocked, 130, 0.9, 42, false);
        data.Add(FloydWarshallMode.Blocked, 130, 0.05, 43, true);
        return data;
    }

    [Theory]
    [MemberData(nameof(Graphs))]
    public void Matches_the_scalar_reference_bit_for_bit(FloydWarshallMode mode, int n, double density, int seed, bool integer)
    {
        var w = RandomGraphs.Matrix(n, density, seed, integer, isolated: n >= 5 ? 3 : 0);
        using var session = new FloydWarshallSession(fixture.Accelerator, n, mode: mode);
        Assert.Equal(mode == FloydWarshallMode.Blocked, session.UsesBlocked);

        var expected = (double[])w.Clone();
        var expectedNext = new int[n * n];
        Assert.True(FloydWarshallScalar.Run<double>(expected, expectedNext, n));
        var d = (double[])w.Clone();
        var next = new int[n * n];
        Assert.True(session.Run(d, next));
        AssertBits(expected, d);
        Assert.Equal(expectedNext, next);

        var ef = RandomGraphs.ToFloat(w);
        var efNext = new int[n * n];
        Assert.True(FloydWarshallScalar.Run<float>(ef, efNext, n));
        var f = RandomGraphs.ToFloat(w);
        var fNext = new int[n * n];
        Assert.True(session.Run(f, fNext));
        Assert.Equal(Array.ConvertAll(ef, BitConverter.SingleToInt32Bits), Array.ConvertAll(f, BitConverter.SingleToInt32Bits));
        Assert.Equal(efNext, fNext);

        if (n >= 5) Assert.Contains(-1, next); // the isolated nodes are unreachable
    }

    public static TheoryData<FloydWarshallMode, int, double, int, bool> DistanceGraphs()
    {
        var data = new TheoryData<FloydWarshallMode, int, double, int, bool>();
        // One ragged tile, just under one tile, three tiles ragged, five tiles ragged (phase 3 with partial micro-tiles).
        int[] sizes = [1, 31, 97, 130];
        foreach (var mode in new[] { FloydWarshallMode.PerStep, FloydWarshallMode.Blocked })
            for (int s = 0; s < sizes.Length; s++)
            {
                data.Add(mode, sizes[s], 0.08, 70 + s, false);
                data.Add(mode, sizes[s], 0.3, 80 + s, true); // integer weights: many ties, which strict improvement keeps
            }
        return data;
    }

    [Theory]
    [MemberData(nameof(DistanceGraphs))]
    public void Distances_alone_match_the_scalar_reference_bit_for_bit(FloydWarshallMode mode, int n, double density, int seed, bool integer)
    {
        var w = MidIsolated(RandomGraphs.Matrix(n, density, seed, integer, isolated: n >= 5 ? 4 : 0), n);
        using var session = new FloydWarshallSession(fixture.Accelerator, n, mode: mode);
        Assert.Equal(mode == FloydWarshallMode.Blocked, session.UsesBlocked);

        var expected = (double[])w.Clone();
        Assert.True(FloydWarshallScalar.Run<double>(expected, new int[n * n], n));
        var d = (double[])w.Clone();
        Assert.True(session.Run(d, Span<int>.Empty));
        AssertBits(expected, d);
        Assert.Equal(FloydWarshallForm.DistancesOnly, session.LastForm); // double has no one-instruction minimum

        var ef = RandomGraphs.ToFloat(w);
        Assert.True(FloydWarshallScalar.Run<float>(ef, new int[n * n], n));
        var f = RandomGraphs.ToFloat(w);
        Assert.True(session.Run(f, Span<int>.Empty));
        Assert.Equal(Array.ConvertAll(ef, BitConverter.SingleToInt32Bits), Array.ConvertAll(f, BitConverter.SingleToInt32Bits));
        // Positive weights: blocked float runs update by the hardware minimum.
        Assert.Equal(session.UsesBlocked ? FloydWarshallForm.DistancesByMinimum : FloydWarshallForm.DistancesOnly, session.LastForm);

        Assert.False(session.HoldsSuccessorBuffers); // no n² ints on the device, nor successor snapshots
        if (n >= 5) Assert.Contains(double.PositiveInfinity, d); // the isolated nodes are unreachable
    }

    /// <summary>
    /// Where a sign bit is set the hardware minimum and the strict rule may differ, so float runs keep the strict rule:
    /// arcs 40→5 and 5→70 of −0 make the sum −0 against the direct arc 40→70 of +0, which the reference keeps (−0 &lt; +0
    /// is false) and a minimum replaces (Math.Min(−0, +0) is −0). A negative weight is the other case (sums may then
    /// overflow to −∞, and −∞ + ∞ is NaN, which a minimum treats otherwise).
    /// Pivot 5 lies in block 0 and (40, 70) in phase 3's tile (1, 2).
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Float_distances_alone_keep_the_strict_rule_where_a_weight_has_its_sign_bit(bool negativeWeight)
    {
        const int n = 96;
        var w = RandomGraphs.ToFloat(RandomGraphs.Matrix(n, 0.05, 61, integerWeights: false));
        w[40 * n + 70] = 0f;
        if (negativeWeight)
        {
            w[7 * n + 90] = -0.5f; // no negative cycle: nothing leads back from 90 cheaper than 0.5
        }
        else
        {
            w[40 * n + 5] = -0f;
            w[5 * n + 70] = -0f;
        }
        var expected = (float[])w.Clone();
        Assert.True(FloydWarshallScalar.Run<float>(expected, new int[n * n], n));
        Assert.Equal(0, BitConverter.SingleToInt32Bits(expected[40 * n + 70])); // the reference keeps +0

        using var session = new FloydWarshallSession(fixture.Accelerator, n, mode: FloydWarshallMode.Blocked);
        var f = (float[])w.Clone();
        Assert.True(session.Run(f, Span<int>.Empty));
        Assert.Equal(FloydWarshallForm.DistancesOnly, session.LastForm);
        Assert.Equal(Array.ConvertAll(expected, BitConverter.SingleToInt32Bits), Array.ConvertAll(f, BitConverter.SingleToInt32Bits));

        // The same graph without a sign bit anywhere takes the minimum and still matches.
        var positive = Array.ConvertAll(w, x => BitConverter.SingleToInt32Bits(x) < 0 ? 0.25f : x);
        var positiveExpected = (float[])positive.Clone();
        Assert.True(FloydWarshallScalar.Run<float>(positiveExpected, new int[n * n], n));
        Assert.True(session.Run(positive, Span<int>.Empty));
        Assert.Equal(FloydWarshallForm.DistancesByMinimum, session.LastForm);
        Assert.Equal(Array.ConvertAll(positiveExpected, BitConverter.SingleToInt32Bits), Array.ConvertAll(positive, BitConverter.SingleToInt32Bits));
    }

    [Theory]
    [InlineData(FloydWarshallMode.PerStep)]
    [InlineData(FloydWarshallMode.Blocked)]
    public void Distances_alone_and_runs_with_successors_take_turns_on_one_session(FloydWarshallMode mode)
    {
        const int n = 70; // three tiles, the last ragged
        using var session = new FloydWarshallSession(fixture.Accelerator, n, mode: mode);
        for (int run = 0; run < 4; run++)
        {
            // Double and float take opposite turns: distances alone, then with successors, and so on.
            bool routes = run % 2 == 1;
            var w = MidIsolated(RandomGraphs.Matrix(n, 0.15, 90 + run, integerWeights: run >= 2, isolated: 3), n);
            var wf = RandomGraphs.ToFloat(w);
            var expected = (double[])w.Clone();
            var expectedNext = new int[n * n];
            Assert.True(FloydWarshallScalar.Run<double>(expected, expectedNext, n));
            var next = routes ? new int[n * n] : [];
            Assert.True(session.Run(w, next));
            AssertBits(expected, w);
            if (routes) Assert.Equal(expectedNext, next);
            Assert.Equal(run > 0, session.HoldsSuccessorBuffers); // made by the first run with successors, then kept

            var ef = (float[])wf.Clone();
            var efNext = new int[n * n];
            Assert.True(FloydWarshallScalar.Run<float>(ef, efNext, n));
            var fNext = routes ? [] : new int[n * n];
            Assert.True(session.Run(wf, fNext));
            Assert.Equal(Array.ConvertAll(ef, BitConverter.SingleToInt32Bits), Array.ConvertAll(wf, BitConverter.SingleToInt32Bits));
            if (!routes) Assert.Equal(efNext, fNext);
        }
    }

    [Theory]
    [InlineData(FloydWarshallMode.PerStep, true)]
    [InlineData(FloydWarshallMode.Blocked, true)]
    [InlineData(FloydWarshallMode.PerStep, false)]
    [InlineData(FloydWarshallMode.Blocked, false)]
    public void A_run_splits_its_device_time_into_copies_and_kernels(FloydWarshallMode mode, bool routes)
    {
        const int n = 70;
        using var session = new FloydWarshallSession(fixture.Accelerator, n, mode: mode);
        Assert.Equal(default, session.LastRun);
        var w = RandomGraphs.Matrix(n, 0.2, 61, integerWeights: false, isolated: 0);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.True(session.Run(w, routes ? new int[n * n] : []));
        var wall = clock.Elapsed;
        var t = session.LastRun;
        // Each stage took time (a copy of 70² values is microseconds, far above the clock's resolution), and together
        // they fit in the call.
        Assert.True(t.Upload > TimeSpan.Zero && t.Kernels > TimeSpan.Zero && t.Download > TimeSpan.Zero, t.ToString());
        Assert.True(t.Device <= wall, $"{t} in {wall}");
        Assert.Null(t.Phases); // not asked for
    }

    [Fact]
    public void Asked_to_a_blocked_run_splits_its_kernels_by_phase()
    {
        const int n = 130; // five blocks of k, the last partial
        using var session = new FloydWarshallSession(fixture.Accelerator, n, mode: FloydWarshallMode.Blocked, timePhases: true);
        var w = RandomGraphs.Matrix(n, 0.2, 62, integerWeights: false, isolated: 0);
        var expected = (double[])w.Clone();
        var expectedNext = new int[n * n];
        FloydWarshallScalar.Run<double>(expected, expectedNext, n);
        var next = new int[n * n];
        Assert.True(session.Run(w, next));
        AssertBits(expected, w); // the markers between launches change nothing
        Assert.Equal(expectedNext, next);
        var t = session.LastRun;
        var p = Assert.NotNull(t.Phases);
        Assert.True(p.Pivot > TimeSpan.Zero && p.Cross > TimeSpan.Zero && p.Rest > TimeSpan.Zero, p.ToString());
        Assert.True(p.Pivot + p.Cross + p.Rest <= t.Kernels, $"{p} within {t.Kernels}");

        // Distances alone: the same split, from the distances-only kernels.
        var alone = RandomGraphs.Matrix(n, 0.2, 62, integerWeights: false, isolated: 0);
        Assert.True(session.Run(alone, []));
        AssertBits(expected, alone);
        var q = Assert.NotNull(session.LastRun.Phases);
        Assert.True(q.Pivot > TimeSpan.Zero && q.Cross > TimeSpan.Zero && q.Rest > TimeSpan.Zero, q.ToString());
        Assert.True(q.Pivot + q.Cross + q.Rest <= session.LastRun.Kernels, $"{q} within {session.LastRun.Kernels}");
    }

    [Fact]
    public void A_session_runs_again_with_its_buffers()
    {
        const int n = 70;
        using var session = new FloydWarshallSession(fixture.Accelerator, n, mode: FloydWarshallMode.Blocked);
        for (int seed = 0; seed < 3; seed++)
        {
            var w = RandomGraphs.Matrix(n, 0.2, 50 + seed, integerWeights: seed == 1, isolated: seed);
            var expected = (double[])w.Clone();
            var expectedNext = new int[n * n];
            FloydWarshallScalar.Run<double>(expected, expectedNext, n);
            var next = new int[n * n];
            Assert.True(session.Run(w, next));
            AssertBits(expected, w);
            Assert.Equal(expectedNext, next);
        }
    }

    /// <summary>With successors and with distances alone (<paramref name="routes"/> false: an empty next).</summary>
    [Theory]
    [InlineData(FloydWarshallMode.PerStep, true)]
    [InlineData(FloydWarshallMode.Blocked, true)]
    [InlineData(FloydWarshallMode.PerStep, false)]
    [InlineData(FloydWarshallMode.Blocked, false)]
    public void A_negative_cycle_returns_false(FloydWarshallMode mode, bool routes)
    {
        const int n = 45; // two tiles: the cycle crosses the tile edge
        int[] Next(int cells) => routes ? new int[cells] : [];
        var w = RandomGraphs.Matrix(n, 0.1, 60, integerWeights: false);
        w[3 * n + 40] = 1;
        w[40 * n + 20] = 1;
        w[20 * n + 3] = -5;
        using var session = new FloydWarshallSession(fixture.Accelerator, n, mode: mode);
        var d = (double[])w.Clone();
        Assert.False(session.Run(d, Next(n * n)));
        Assert.True(d[3 * n + 3] < 0);
        Assert.False(session.Run(RandomGraphs.ToFloat(w), Next(n * n)));
        // Without the cycle the same graph is fine: the false came from the cycle.
        w[20 * n + 3] = 5;
        Assert.True(session.Run(w, Next(n * n)));

        // A negative self-loop is a cycle too.
        using var one = new FloydWarshallSession(fixture.Accelerator, 1, mode: mode);
        Assert.False(one.Run([-1.0], Next(1)));
        Assert.False(one.Run([-1.0f], Next(1)));
    }

    [Fact]
    public void Empty_graph_reports_done()
    {
        using var session = new FloydWarshallSession(fixture.Accelerator, 0);
        var recorder = new Recorder();
        Assert.True(session.Run(Span<double>.Empty, Span<int>.Empty, recorder));
        Assert.Equal([1.0], recorder.Reports);
    }

    public static TheoryData<int, int> BatchShapes()
    {
        var data = new TheoryData<int, int>();
        foreach (int n in new[] { 1, 5, 12 })
            for (int graphs = 1; graphs <= 67; graphs += 6) data.Add(n, graphs);
        return data;
    }

    [Theory]
    [MemberData(nameof(BatchShapes))]
    public void Batched_matches_the_scalar_batched_reference(int n, int count)
    {
        var graphs = Enumerable.Range(0, count)
            .Select(g => RandomGraphs.Matrix(n, g % 2 == 0 ? 0.15 : 0.6, seed: 1000 * n + g, integerWeights: g % 3 == 0, isolated: n > 2 ? g % 3 : 0))
            .ToList();
        var w = RandomGraphs.Interleave(graphs, n);
        using var session = new FloydWarshallSession(fixture.Accelerator, n, count);

        var expected = (double[])w.Clone();
        var expectedNext = new int[w.Length];
        var expectedFlags = new bool[count];
        FloydWarshallScalar.RunBatched<double>(expected, expectedNext, n, count, expectedFlags);
        var d = (double[])w.Clone();
        var next = new int[w.Length];
        var flags = new bool[count];
        session.RunBatched(d, next, count, flags);
        AssertBits(expected, d);
        Assert.Equal(expectedNext, next);
        Assert.Equal(expectedFlags, flags);

        var ef = RandomGraphs.ToFloat(w);
        var efNext = new int[w.Length];
        FloydWarshallScalar.RunBatched<float>(ef, efNext, n, count, expectedFlags);
        var f = RandomGraphs.ToFloat(w);
        var fNext = new int[w.Length];
        session.RunBatched(f, fNext, count, flags);
        Assert.Equal(Array.ConvertAll(ef, BitConverter.SingleToInt32Bits), Array.ConvertAll(f, BitConverter.SingleToInt32Bits));
        Assert.Equal(efNext, fNext);
        Assert.Equal(expectedFlags, flags);
    }

    [Fact]
    public void Batched_flags_a_negative_cycle_only_in_its_graph_and_takes_fewer_graphs_than_its_room()
    {
        const int n = 3, count = 19;
        var d = RandomGraphs.Interleave(RandomGraphs.OneNegativeCycle(count, 11), n);
        var flags = new bool[count];
        using var session = new FloydWarshallSession(fixture.Accelerator, n, graphs: 32);
        session.RunBatched(d, new int[d.Length], count, flags);
        for (int g = 0; g < count; g++) Assert.Equal(g == 11, flags[g]);
        Assert.Equal(3.0, d[(0 * n + 2) * count + 0]); // good graph: 0→1→2 = 3
    }

    [Theory]
    [InlineData(FloydWarshallMode.PerStep, 60, 50)]
    [InlineData(FloydWarshallMode.Blocked, 130, 5)] // one report per block of 32
    public void Progress_rises_to_one_and_changes_nothing(FloydWarshallMode mode, int n, int minReports)
    {
        var w = RandomGraphs.Matrix(n, 0.2, seed: 5, integerWeights: false);
        using var session = new FloydWarshallSession(fixture.Accelerator, n, mode: mode);
        var quiet = (double[])w.Clone();
        var quietNext = new int[n * n];
        Assert.True(session.Run(quiet, quietNext));

        var recorder = new Recorder();
        var d = (double[])w.Clone();
        var next = new int[n * n];
        Assert.True(session.Run(d, next, recorder));
        AssertBits(quiet, d);
        Assert.Equal(quietNext, next);
        Assert.True(recorder.Reports.Count >= minReports, $"{recorder.Reports.Count} reports");
        Assert.True(recorder.Reports.Count <= 51, $"{recorder.Reports.Count} reports: each one waits for the device");
        Assert.All(recorder.Reports, r => Assert.InRange(r, double.Epsilon, 1.0));
        for (int i = 1; i < recorder.Reports.Count; i++) Assert.True(recorder.Reports[i] > recorder.Reports[i - 1], $"report {i} does not rise");
        Assert.Equal(1.0, recorder.Reports[^1]);
    }

    [Fact]
    public void Auto_switches_to_blocked_at_the_crossover()
    {
        using var below = new FloydWarshallSession(fixture.Accelerator, FloydWarshallSession.BlockedFromNodes - 1);
        using var at = new FloydWarshallSession(fixture.Accelerator, FloydWarshallSession.BlockedFromNodes);
        Assert.False(below.UsesBlocked);
        Assert.True(at.UsesBlocked);
    }

    [Fact]
    public void Bad_arguments_throw_as_the_other_backends()
    {
        var acc = fixture.Accelerator;
        Assert.Throws<ArgumentOutOfRangeException>(() => new FloydWarshallSession(acc, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FloydWarshallSession(acc, 46341));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FloydWarshallSession(acc, 1000, 3000));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FloydWarshallSession(acc, 4, 0));

        using var session = new FloydWarshallSession(acc, 4, graphs: 2);
        Assert.Throws<ArgumentException>(() => session.Run(new double[15], new int[16]));
        Assert.Throws<ArgumentException>(() => session.Run(new float[16], new int[15]));
        Assert.Throws<ArgumentException>(() => session.RunBatched(new double[31], new int[32], 2, new bool[2]));
        Assert.Throws<ArgumentException>(() => session.RunBatched(new double[32], new int[32], 2, new bool[1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => session.RunBatched(new double[48], new int[48], 3, new bool[3]));
        var nan = new double[16];
        nan[5] = double.NaN;
        Assert.Throws<ArgumentException>(() => session.Run(nan, new int[16]));

        session.Dispose();
        Assert.Throws<ObjectDisposedException>(() => session.Run(new double[16], new int[16]));
    }

    /// <summary>
    /// The graph with its nodes renumbered i → (i + n/2) mod n: the isolated nodes that RandomGraphs puts last (no
    /// in-arcs, so nothing goes through them) move to the middle, and the last steps k, the ragged tile's included,
    /// do relax something.
    /// </summary>
    private static double[] MidIsolated(double[] w, int n)
    {
        var moved = new double[w.Length];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) moved[(i + n / 2) % n * n + (j + n / 2) % n] = w[i * n + j];
        return moved;
    }

    private static void AssertBits(double[] expected, double[] actual) =>
        Assert.Equal(Array.ConvertAll(expected, BitConverter.DoubleToInt64Bits), Array.ConvertAll(actual, BitConverter.DoubleToInt64Bits));
}
