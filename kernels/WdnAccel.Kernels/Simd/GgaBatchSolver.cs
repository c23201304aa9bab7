using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Model;
using WdnAccel.Kernels.Scalar;

namespace WdnAccel.Kernels.Simd;

/// <summary>
/// The Global Gradient Algorithm over a block of lanes at once: every scalar step of <see cref="GgaScalarSolver"/>
/// (EPANET 2.2 hydsolver.c / hydcoeffs.c) becomes one vector operation, the sparse Cholesky runs over the shared
/// symbolic pattern with no branching on structure, and per-lane decisions (convergence, status checks, singular
/// pivots) become masks. A lane that has finished is frozen, so each lane stops at the same trial as the scalar
/// oracle. Threads take contiguous ranges of lane blocks; each thread keeps a block-sized workspace
/// (cache-resident for networks like Hanoi) that is reused across calls.
/// The block width is chosen once per process: 8 lanes of <see cref="Vector512{T}"/> where AVX-512 is
/// accelerated (the default <see cref="Vector{T}"/> stays 256-bit there), else <see cref="Vector{T}"/>.
/// </summary>
public static partial class GgaBatchSolver
{
    private static readonly bool Use512 = Vector512.IsHardwareAccelerated && Vector<double>.Count < Vector512<double>.Count;

    /// <summary>Lanes per block (the vector width in doubles) the solver uses in this process.</summary>
    public static int LaneWidth => Use512 ? Lanes512.Count : LanesT.Count;

    /// <summary>
    /// Per-thread block workspaces for one network, owned by a hydraulic session (SimdHydraulicSession) so that
    /// repeated solves allocate nothing; exactly one of the two pools is used, per this process's lane width.
    /// </summary>
    public sealed class Workspaces(CompiledNetwork network, LoopFlowMode loopFlows = LoopFlowMode.Auto)
    {
        public CompiledNetwork Network { get; } = network;
        public LoopFlowMode LoopFlows { get; } = loopFlows;
        internal WorkspacePool<Lanes512>? Wide { get; set; }
        internal WorkspacePool<LanesT>? Portable { get; set; }
        internal WorkspacePool<Lanes1>? Single { get; set; }

        /// <summary>
        /// Blocks solved in loop-flow form so far, summed over the thread workspaces: each counts its own, so the
        /// count costs the solve no shared write. Read between solves (every workspace is back in its pool then); for tests.
        /// </summary>
        internal long BlocksSolvedByLoops => (Wide?.BlocksSolvedByLoops ?? 0) + (Portable?.BlocksSolvedByLoops ?? 0) + (Single?.BlocksSolvedByLoops ?? 0);
    }

    /// <summary>
    /// Networks whose factorization takes at most this many multiply–subtract pairs
    /// (<see cref="CompiledNetwork.FactorUpdates"/>) are factorized from precomputed update lists (8 bytes per pair,
    /// shared by the session's threads: 64 MB at most), larger ones up-looking over the rows of L, in O(nnz(L))
    /// memory (<see cref="GgaLaneSolver.CholeskySolve"/>). Measured in 8-lane blocks on grids of 900 to 10,000
    /// junctions (94k to 4.5M pairs), the lists were 1.0–1.8× faster (docs/performance.md, "Large networks").
    /// Settable for benchmarks and tests; read when a session's workspaces are first used.
    /// </summary>
    public static long UpdateListLimit { get; set; } = 1 << 23;

    /// <summary>
    /// A single lane of a network whose factorization takes more multiply–subtract pairs than this runs in a
    /// one-lane block (<see cref="Lanes1"/>) rather than a vector block of idle copies.
    /// </summary>
    public const long SingleLaneBlockUpdates = 1 << 18;

    /// <summary>True when <paramref name="network"/> is factorized up-looking rather than from update lists.</summary>
    public static bool FactorizesUpLooking(CompiledNetwork network) => network.FactorUpdates > UpdateListLimit;

    /// <summary>Solves every active lane of <paramref name="batch"/> with up to <paramref name="threads"/> threads.</summary>
    public static void Solve(HydraulicBatch batch, int threads, Workspaces workspaces)
    {
        // Valves' status logic (PRV, PSV, FCV, badvalve) lives in the one-source lane solver alone: such networks are
        // solved lane by lane on the threads.
        if (batch.Network.ValveCount > 0)
        {
            Scalar.GgaScalarSolver.SolveOnThreads(batch, threads);
            return;
        }
        if (!ReferenceEquals(workspaces.Network, batch.Network)) throw new ArgumentException("workspaces of another network", nameof(workspaces));
        // One lane of a large network: a one-lane block, not a vector block of seven idle copies of the factor.
        if (batch.ActiveLanes == 1 && batch.Network.FactorUpdates > SingleLaneBlockUpdates) Solve(batch, threads, workspaces.Single ??= new WorkspacePool<Lanes1>(batch.Network, workspaces.LoopFlows));
        else if (Use512) Solve(batch, threads, workspaces.Wide ??= new WorkspacePool<Lanes512>(batch.Network, workspaces.LoopFlows));
        else Solve(batch, threads, workspaces.Portable ??= new WorkspacePool<LanesT>(batch.Network, workspaces.LoopFlows));
    }

    /// <summary>
    /// Bytes of one thread's workspace for <paramref name="network"/> at this process's lane width, solving in
    /// <paramref name="mode"/> (the session's <see cref="Workspaces.LoopFlows"/>): the per-block arrays (factor values,
    /// right-hand side, link and node state), the loop-flow scratch where that mode takes the loop form, and, for
    /// small networks, the update lists (shared by the threads, counted for each: an upper bound). What a batch needs
    /// beyond its own arrays, per thread.
    /// </summary>
    public static long WorkspaceBytes(CompiledNetwork network, LoopFlowMode mode = LoopFlowMode.Auto)
    {
        bool upLooking = FactorizesUpLooking(network);
        long pipes = network.PipeCount, links = network.LinkCount, nodes = network.NodeCount, junctions = network.JunctionCount;
        // Workspace: R, RInvN, Km per pipe; Q, P, Y, FixedClosed, StatusClosed, NoForward, NoReverse, EmptyForward,
        // EmptyReverse per link; H per node; Demand, F, Grounding (and the up-looking dense row X) per junction; two
        // speed terms per pump; the factor's values; Darcy–Weisbach's NuD and RoughTerm per pipe; with emitters or PDA
        // the outflow, its gradient and loss per junction (each).
        int pipeVectors = network.HeadLoss == HeadLossModel.DarcyWeisbach ? 5 : 3;
        int outflowVectors = (network.EmitterCount > 0 ? 3 : 0) + (network.PressureDriven ? 3 : 0);
        long vectors = pipeVectors * pipes + 9 * links + nodes + ((upLooking ? 4 : 3) + outflowVectors) * junctions + 2L * network.PumpCount + network.FactorSize;
        // Its index tables: CheckLinks, DiagFrom, DiagTo per link, MinorLossFree per pipe.
        long bytes = vectors * LaneWidth * sizeof(double) + 3 * links * sizeof(int) + pipes * sizeof(bool);
        if (!upLooking) bytes += network.FactorUpdates * 2 * sizeof(int) + (long)network.FactorSize * sizeof(int);
        if (LoopBasis.WherePaying(network, mode) is { } loops)
        {
            // LoopScratch: LogNr, FirstLogQ, Km per pipe; Q, QForest, G, W, Drop, QNext per link; H per node; Subtree
            // per junction; the loop factor (L(L+1)/2), loop flows, fixed-head differences and pivots (3L).
            long l = loops.LoopCount;
            bytes += (3 * pipes + 6 * links + nodes + junctions + l * (l + 7) / 2) * LaneWidth * sizeof(double);
            // Per pipe the kept roughness and its log, ln(n·ω·L) and MinorLossFree; AllLinks per link.
            bytes += pipes * (3 * sizeof(double) + sizeof(bool)) + links * sizeof(int);
        }
        return bytes;
    }

    private static void Solve<TV>(HydraulicBatch batch, int threads, WorkspacePool<TV> pool) where TV : struct, ILaneVector<TV>
    {
        // One worker per thread, each running whole GGA solves on the blocks it takes (no per-trial sync).
        int w = TV.Count;
        SharedCounterRuns.Run((batch.ActiveLanes + w - 1) / w, threads, 16, pool.Rent, pool.Return, (ws, b) => SolveBlock(batch, b * w, ws));
    }

    /// <summary>Per-thread scratch for one block of lanes, plus per-network index tables hoisted out of the trials.</summary>
    internal sealed class Workspace<TV>(CompiledNetwork net, LeftLookingUpdates? updates, SupernodalCholesky? supernodes, LoopBasis? loops) where TV : struct, ILaneVector<TV>
    {
        /// <summary>Scratch of the loop-flow form where the network has a loop basis that pays (<see cref="LoopBasis.WherePaying"/>); null otherwise.</summary>
        public readonly LoopScratch<TV>? Loop = loops is null ? null : new(net, loops);
        /// <summary>Blocks this workspace solved in loop-flow form (<see cref="Workspaces.BlocksSolvedByLoops"/>).</summary>
        public int BlocksSolvedByLoops;
        /// <summary>Null for the up-looking and supernodal factorizations.</summary>
        public readonly LeftLookingUpdates? Updates = updates;
        /// <summary>One-lane blocks without update lists: the supernodal factorization and its scratch.</summary>
        public readonly SupernodalCholesky? Supernodes = supernodes;
        public readonly SupernodalCholesky.Scratch? SupernodeScratch = supernodes is null ? null : new(supernodes, net.JunctionCount);
        /// <summary>The up-looking factorization's dense row (zero between uses); empty otherwise.</summary>
        public readonly TV[] X = updates is null && supernodes is null ? new TV[net.JunctionCount] : [];
        /// <summary>
        /// Resistance r and 1/(n·r), per solve: the power laws keep 1/(n·r) for every pipe and r only where the pipe has a
        /// minor loss; Darcy–Weisbach keeps r = L/(2g·D·A²) for every pipe and no 1/(n·r).
        /// </summary>
        public readonly TV[] R = new TV[net.PipeCount];
        public readonly TV[] RInvN = new TV[net.PipeCount];
        public readonly TV[] Km = new TV[net.PipeCount];
        /// <summary>Darcy–Weisbach only (empty otherwise), per pipe: ν·D and ε/(3.7·D), per solve (<see cref="DarcyWeisbachPipe"/>).</summary>
        public readonly TV[] NuD = new TV[net.HeadLoss == HeadLossModel.DarcyWeisbach ? net.PipeCount : 0];
        public readonly TV[] RoughTerm = new TV[net.HeadLoss == HeadLossModel.DarcyWeisbach ? net.PipeCount : 0];
        public readonly TV[] Q = new TV[net.LinkCount];
        public readonly TV[] P = new TV[net.LinkCount];
        public readonly TV[] Y = new TV[net.LinkCount];
        public readonly TV[] FixedClosed = new TV[net.LinkCount];
        public readonly TV[] StatusClosed = new TV[net.LinkCount];
        /// <summary>
        /// With controls on junction pressure (empty otherwise), per link: lanes a control closed (for a pump, its setting
        /// 0: a pressure control, or <see cref="HydraulicBatch.LinkSettingZero"/>), and lanes no control opens (a pipe not
        /// laid, a pump at speed 0).
        /// </summary>
        public readonly TV[] ControlClosed = new TV[net.PressureControlCount > 0 ? net.LinkCount : 0];
        public readonly TV[] NotOpenable = new TV[net.PressureControlCount > 0 ? net.LinkCount : 0];
        public readonly TV[] H = new TV[net.NodeCount];
        public readonly TV[] Demand = new TV[net.JunctionCount];
        /// <summary>Emitter outflows per junction (empty without emitters), and the junctions that have one.</summary>
        public readonly TV[] EmitterQ = new TV[net.EmitterCount > 0 ? net.JunctionCount : 0];
        public readonly int[] EmitterJunctions = Enumerable.Range(0, net.JunctionCount).Where(j => net.EmitterResistance[j] > 0).ToArray();
        /// <summary>Delivered demands per junction under PDA (empty otherwise).</summary>
        public readonly TV[] DemandQ = new TV[net.PressureDriven ? net.JunctionCount : 0];
        /// <summary>
        /// The trial's head-loss gradients and losses of the emitters and of the pressure-driven demands, taken at assembly
        /// and used again by the flow update, whose outflows are still those of the assembly (each pair costs an exp and a log).
        /// </summary>
        public readonly TV[] EmitterG = new TV[net.EmitterCount > 0 ? net.JunctionCount : 0];
        public readonly TV[] EmitterH = new TV[net.EmitterCount > 0 ? net.JunctionCount : 0];
        public readonly TV[] DemandG = new TV[net.PressureDriven ? net.JunctionCount : 0];
        public readonly TV[] DemandH = new TV[net.PressureDriven ? net.JunctionCount : 0];
        public readonly TV[] V = new TV[net.FactorSize];
        public readonly TV[] F = new TV[net.JunctionCount];
        /// <summary>Per elimination position: the conductance to fixed heads, then the factorization's excess (<see cref="GgaLaneSolver.CholeskySolve"/>).</summary>
        public readonly TV[] Grounding = new TV[net.JunctionCount];
        public readonly double[] Scratch = new double[TV.Count];
        public readonly bool[] MinorLossFree = net.MinorLoss.Select(k => k == 0).ToArray();
        /// <summary>Per block: links whose status is checked (status links, plus links with tank direction bits or a warm-start closed flag in some lane), ascending; first <see cref="CheckCount"/> valid.</summary>
        public readonly int[] CheckLinks = new int[net.LinkCount];
        public int CheckCount;
        /// <summary>Per link, per block: lanes where the batch's LinkState forbids flow Node1→Node2 / Node2→Node1 into a full tank.</summary>
        public readonly TV[] NoForward = new TV[net.LinkCount];
        public readonly TV[] NoReverse = new TV[net.LinkCount];
        /// <summary>Per link, per block: lanes where the tank at Node1 / Node2 is empty.</summary>
        public readonly TV[] EmptyForward = new TV[net.LinkCount];
        public readonly TV[] EmptyReverse = new TV[net.LinkCount];
        /// <summary>Per pump, per block: the lanes' speed terms h0·s², r·s^(2−n) (power curve) or r·s³ (constant power).</summary>
        public readonly TV[] PumpH0s = new TV[net.PumpCount];
        public readonly TV[] PumpRs = new TV[net.PumpCount];
        /// <summary>Per link: factor slot of its start/end junction's diagonal, or −1 at a fixed-head node.</summary>
        public readonly int[] DiagFrom = Enumerable.Range(0, net.LinkCount).Select(i => net.From[i] < net.JunctionCount ? net.Position[net.From[i]] : -1).ToArray();
        public readonly int[] DiagTo = Enumerable.Range(0, net.LinkCount).Select(i => net.To[i] < net.JunctionCount ? net.Position[net.To[i]] : -1).ToArray();
    }

    /// <summary>
    /// The factorization's multiply–subtract pairs grouped by target (CSR): <c>v[t] −= v[A[u]]·v[B[u]]</c> for u in
    /// Start[t]..Start[t+1], sources in ascending column order (the right-looking order), so each target is
    /// finished in a register right before its column is scaled, instead of read-modify-written through memory once
    /// per source column. Built from the rows of L: target L(k,i) takes L(k,j)·L(i,j) for every column j left of i
    /// in both rows, the diagonal L(k,k) takes L(k,j)² for every j in row k.
    /// </summary>
    internal sealed class LeftLookingUpdates
    {
        public readonly int[] Start, A, B;

        public LeftLookingUpdates(CompiledNetwork net)
        {
            int nj = net.JunctionCount;
            long total = net.FactorUpdates;
            if (total > Array.MaxLength) throw new InsufficientMemoryException($"{total:N0} factorization updates do not fit in update lists");
            Start = new int[net.FactorSize + 1];
            A = new int[total];
            B = new int[total];
            var entryInRow = new int[nj];
            var colStart = net.ColumnStart;
            var rows = net.RowOfEntry;
            // Two passes over the same enumeration: count per target, then place.
            for (int pass = 0; pass < 2; pass++)
            {
                var fill = pass == 0 ? Start : (int[])Start.Clone();
                for (int k = 0; k < nj; k++)
                {
                    int t0 = net.RowStart[k], t1 = net.RowStart[k + 1];
                    for (int t = t0; t < t1; t++) entryInRow[net.RowColumn[t]] = net.RowEntry[t];
                    for (int t = t0; t < t1; t++)
                    {
                        int j = net.RowColumn[t], ekj = net.RowEntry[t];
                        Place(k, nj + ekj, nj + ekj);
                        for (int e = colStart[j]; e < ekj; e++) Place(nj + entryInRow[rows[e]], nj + ekj, nj + e);
                    }
                }
                if (pass == 0)
                {
                    for (int t = 0; t < net.FactorSize; t++) Start[t + 1] += Start[t];
                }

                void Place(int target, int a, int b)
                {
                    if (pass == 0)
                    {
                        fill[target + 1]++;
                        return;
                    }
                    int slot = fill[target]++;
                    A[slot] = a;
                    B[slot] = b;
                }
            }
        }
    }

    internal sealed class WorkspacePool<TV>(CompiledNetwork network, LoopFlowMode loopFlows) where TV : struct, ILaneVector<TV>
    {
        public CompiledNetwork Network { get; } = network;
        /// <summary>One-lane blocks (a single lane of a large network) factorize by supernodes.</summary>
        public SupernodalCholesky? Supernodes { get; } = typeof(TV) == typeof(Lanes1) ? new(network) : null;
        public LeftLookingUpdates? Updates { get; } = typeof(TV) == typeof(Lanes1) || FactorizesUpLooking(network) ? null : new(network);
        public LoopBasis? Loops { get; } = LoopBasis.WherePaying(network, loopFlows);
        private readonly ConcurrentBag<Workspace<TV>> _free = [];
        public Workspace<TV> Rent() => _free.TryTake(out var ws) ? ws : new Workspace<TV>(Network, Updates, Supernodes, Loops);
        public void Return(Workspace<TV> ws) => _free.Add(ws);
        public long BlocksSolvedByLoops => _free.Sum(ws => (long)ws.BlocksSolvedByLoops);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Load<TV>(double[] a, int offset, int valid) where TV : struct, ILaneVector<TV> =>
        valid == TV.Count ? TV.Load(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(a), offset)) : LoadPartial<TV>(a, offset, valid);

    /// <summary>Remainder block: lanes past the end repeat the last real lane, so they stay finite and are never stored.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static TV LoadPartial<TV>(double[] a, int offset, int valid) where TV : struct, ILaneVector<TV>
    {
        Span<double> t = stackalloc double[TV.Count];
        for (int i = 0; i < t.Length; i++) t[i] = a[offset + Math.Min(i, valid - 1)];
        return TV.Load(ref MemoryMarshal.GetReference(t));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<TV>(TV v, double[] a, int offset, int valid) where TV : struct, ILaneVector<TV>
    {
        if (valid == TV.Count)
        {
            // Bounds: the full block lies inside the lane row, so offset + Count ≤ a.Length.
            TV.Store(v, ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(a), offset));
            return;
        }
        for (int i = 0; i < valid; i++) a[offset + i] = TV.GetElement(v, i);
    }

    /// <summary>The lanes whose byte at <c>row[offset + lane]</c> has any of <paramref name="bits"/> (padding lanes: none).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static TV StateMask<TV>(byte[] row, int offset, int valid, int bits) where TV : struct, ILaneVector<TV>
    {
        // Most blocks have no state bit set on a link (random designs, snapshots): one vectorized test skips the loop.
        if (row.AsSpan(offset, valid).IndexOfAnyExcept((byte)0) < 0) return TV.Zero;
        uint mask = 0;
        for (int l = 0; l < valid; l++) if ((row[offset + l] & bits) != 0) mask |= 1u << l;
        return mask == 0 ? TV.Zero : TV.MaskFromBits(mask);
    }

    /// <summary>|x|^e = exp(e·ln|x|), 0 at x = 0 (log(0) = −∞).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Pow<TV>(TV x, double e) where TV : struct, ILaneVector<TV> => TV.Exp(TV.Log(x) * e);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SolveBlock<TV>(HydraulicBatch batch, int k0, Workspace<TV> ws) where TV : struct, ILaneVector<TV>
    {
        if (ws.Loop is not null && TrySolveBlockByLoops(batch, k0, ws))
        {
            ws.BlocksSolvedByLoops++;
            return;
        }
        var net = batch.Network;
        int W = TV.Count;
        int K = batch.Count, nj = net.JunctionCount, nn = net.NodeCount, m = net.LinkCount, np = net.PipeCount;
        int valid = Math.Min(W, K - k0);
        var zero = TV.Zero;
        var fixedClosed = ws.FixedClosed; var statusClosed = ws.StatusClosed;
        var initiallyClosed = net.InitiallyClosed;
        bool warm = batch.WarmStart;
        // The two power laws, h = r·Q|Q|^(n−1) with r = k·L/(c^a·D^b): Hazen–Williams n = 1.852, k = ω, a = 1.852,
        // b = 4.871; Chezy–Manning n = 2, EPANET's k, a = −2 (Manning's n squared), b = 5.333 (LinkFormulas.PipeResistance).
        bool cm = net.HeadLoss == HeadLossModel.ChezyManning;
        // Darcy–Weisbach: h = f·r·Q|Q| with r = L/(2g·D·A²) and the friction factor at each trial's flow (GgaBatchSolver.DarcyWeisbach.cs).
        bool dw = net.HeadLoss == HeadLossModel.DarcyWeisbach;
        const double nHw = LinkFormulas.HazenWilliamsFlowExponent;
        double nPipe = cm ? 2.0 : nHw, k = cm ? LinkFormulas.ChezyManningFactor : net.Omega;
        double a = cm ? -2.0 : nHw, b = cm ? LinkFormulas.ChezyManningDiameterExponent : LinkFormulas.HazenWilliamsDiameterExponent;
        var length = net.Length;
        var minorLoss = net.MinorLoss;

        for (int i = 0; i < np; i++)
        {
            var d = Load<TV>(batch.Diameter, i * K + k0, valid);
            var c = Load<TV>(batch.Roughness, i * K + k0, valid);
            // Not laid in the lane's design, or closed by its link state; CLOSED in the file (or at time zero) in every lane.
            var notLaid = TV.LessThanOrEqual(d, zero);
            var cut = notLaid | StateMask<TV>(batch.LinkState, i * K + k0, valid, HydraulicBatch.LinkClosed);
            var closed = initiallyClosed[i] ? TV.AllBitsSet : cut;
            fixedClosed[i] = closed;
            statusClosed[i] = warm ? TV.AndNot(StateMask<TV>(batch.Closed, i * K + k0, valid, 1), closed) : zero;
            // Resistance r = k·L/(c^a·D^b) once per solve (LinkFormulas.PipeResistance), as one vector exp of logs:
            // scalar Math.Pow per lane here cost as much as all GGA trials of a Hanoi solve.
            // Kept as 1/(n·r) = c^a·D^b/(n·k·L): the trials then need no division (see the coefficient loop). Closed laid
            // pipes get theirs too, for a pressure control may open them; the trials never select a closed lane's.
            var safeD = TV.Select(notLaid, TV.One, d);
            var logs = zero;
            if (dw) DarcyWeisbachPipe(ws, i, safeD, c, length[i], net.Viscosity);
            else
            {
                logs = TV.Log(c) * a + TV.Log(safeD) * b;
                ws.RInvN[i] = TV.Exp(logs) * (1.0 / (nPipe * k * length[i]));
            }
            // Minor loss m = EPANET's 0.02517·K/D⁴ in SI (LinkFormulas.MinorLossCoefficient); most pipes have K = 0.
            double mk = minorLoss[i];
            if (mk == 0) ws.Km[i] = zero;
            else
            {
                var d2 = safeD * safeD;
                ws.Km[i] = TV.Select(notLaid, zero, TV.Create(LinkFormulas.MinorLossFactor * mk) / (d2 * d2));
                if (!dw) ws.R[i] = TV.Select(notLaid, zero, TV.Exp(-logs) * (k * length[i]));
            }
            // QZERO for pipes not laid or closed by the lane, and those CLOSED in the file; a pipe a control closed at time
            // zero keeps its open start flow (CompiledNetwork.StartsAtZeroFlow).
            var zeroStart = net.StartsAtZeroFlow[i] ? TV.AllBitsSet : cut;
            if (ws.NotOpenable.Length > 0)
            {
                ws.NotOpenable[i] = notLaid;
                ws.ControlClosed[i] = zero;
            }
            ws.Q[i] = warm ? Load<TV>(batch.Flow, i * K + k0, valid)
                : TV.Select(zeroStart, TV.Create(GgaConstants.QZero), d * d * (Math.PI / 4.0 * GgaConstants.InitialVelocity));
        }
        for (int i = np; i < m; i++)
        {
            int pu = i - np;
            var speed = Load<TV>(batch.PumpSpeed, pu * K + k0, valid);
            var closed = TV.LessThanOrEqual(speed, zero) | StateMask<TV>(batch.LinkState, i * K + k0, valid, HydraulicBatch.LinkClosed);
            if (initiallyClosed[i]) closed = TV.AllBitsSet;
            fixedClosed[i] = closed;
            statusClosed[i] = warm ? TV.AndNot(StateMask<TV>(batch.Closed, i * K + k0, valid, 1), closed) : zero;
            ws.Q[i] = warm ? Load<TV>(batch.Flow, i * K + k0, valid) : TV.Create(net.PumpQ0[pu]); // closed or not (CompiledNetwork.PumpQ0)
            if (ws.NotOpenable.Length > 0)
            {
                ws.NotOpenable[i] = TV.AndNot(TV.AllBitsSet, TV.GreaterThan(speed, zero));
                ws.ControlClosed[i] = closed & StateMask<TV>(batch.LinkState, i * K + k0, valid, HydraulicBatch.LinkSettingZero);
            }
            // pumpcoeff's speed terms per lane (a closed lane's values are never selected).
            double n = net.PumpN[pu];
            if (net.PumpConstantPower[pu]) ws.PumpRs[pu] = speed * speed * speed * net.PumpR[pu];
            else
            {
                ws.PumpH0s[pu] = speed * speed * net.PumpH0[pu];
                // A custom curve keeps the speed itself: its coefficients come segment by segment (CustomCurvePumpLanes).
                ws.PumpRs[pu] = net.LinkCodes[i] == GgaLinkCode.CustomCurvePump ? speed : Pow(TV.Select(closed, TV.One, speed), 2.0 - n) * net.PumpR[pu];
            }
        }
        // Links to check: status links always; others where a lane has tank direction bits or a warm closed flag.
        ws.CheckCount = 0;
        for (int i = 0; i < m; i++)
        {
            var fwd = StateMask<TV>(batch.LinkState, i * K + k0, valid, HydraulicBatch.LinkNoForward);
            var rev = StateMask<TV>(batch.LinkState, i * K + k0, valid, HydraulicBatch.LinkNoReverse);
            var emptyFwd = StateMask<TV>(batch.LinkState, i * K + k0, valid, HydraulicBatch.LinkEmptyForward);
            var emptyRev = StateMask<TV>(batch.LinkState, i * K + k0, valid, HydraulicBatch.LinkEmptyReverse);
            ws.NoForward[i] = fwd;
            ws.NoReverse[i] = rev;
            ws.EmptyForward[i] = emptyFwd;
            ws.EmptyReverse[i] = emptyRev;
            if (GgaLinkCode.ClosesOnHead(net.LinkCodes[i]) || TV.MaskBits(fwd | rev | emptyFwd | emptyRev | statusClosed[i]) != 0)
                ws.CheckLinks[ws.CheckCount++] = i;
        }
        for (int j = 0; j < nj; j++)
        {
            ws.H[j] = TV.Create(net.Elevation[j]);
            ws.Demand[j] = Load<TV>(batch.Demand, j * K + k0, valid);
        }
        for (int fi = 0; fi < net.FixedCount; fi++) ws.H[nj + fi] = Load<TV>(batch.FixedHead, fi * K + k0, valid);
        // Pressure-driven demands start at the full demand (EPANET demands()).
        if (net.PressureDriven) Array.Copy(ws.Demand, ws.DemandQ, nj);
        // Emitters start at 1 cfs (EPANET inithyd), or where the lanes left them.
        foreach (int j in ws.EmitterJunctions) ws.EmitterQ[j] = warm ? Load<TV>(batch.EmitterFlow, j * K + k0, valid) : TV.Create(Units.CubicMetersPerCubicFoot);
        if (k0 + W < K) PrefetchBlock(batch, k0 + W, W);

        // Per-lane bookkeeping (scalar: a handful of lanes); lane sets are bit masks, bit l = lane l.
        Span<int> nextCheck = stackalloc int[W];
        Span<int> iterations = stackalloc int[W];
        Span<byte> status = stackalloc byte[W];
        Span<double> relOut = stackalloc double[W];
        nextCheck.Fill(net.CheckFrequency);
        status.Fill((byte)LaneStatus.NotConverged);
        iterations.Fill(net.MaxTrials);
        relOut.Fill(double.NaN);
        uint active = valid >= 32 ? uint.MaxValue : (1u << valid) - 1;

        var rqTol = TV.Create(GgaConstants.RQtol);
        var cbigInv = TV.Create(1.0 / GgaConstants.CBig);
        var qSmall = TV.Create(net.Accuracy * Units.CubicMetersPerCubicFoot);
        var accuracy = TV.Create(net.Accuracy);
        var rqTolInv = TV.Create(1.0 / GgaConstants.RQtol);
        var invN = TV.Create(1.0 / nPipe);

        // Hot loops index through refs: every index below comes from CompiledNetwork's tables (links < m,
        // nodes < nn, factor slots < FactorSize) or the workspace built from them, so none is out of range.
        ref TV q0 = ref MemoryMarshal.GetArrayDataReference(ws.Q);
        ref TV p0 = ref MemoryMarshal.GetArrayDataReference(ws.P);
        ref TV y0 = ref MemoryMarshal.GetArrayDataReference(ws.Y);
        ref TV h0 = ref MemoryMarshal.GetArrayDataReference(ws.H);
        ref TV v0 = ref MemoryMarshal.GetArrayDataReference(ws.V);
        ref TV f0 = ref MemoryMarshal.GetArrayDataReference(ws.F);
        ref TV fc0 = ref MemoryMarshal.GetArrayDataReference(fixedClosed);
        ref TV sc0 = ref MemoryMarshal.GetArrayDataReference(statusClosed);
        ref TV dem0 = ref MemoryMarshal.GetArrayDataReference(ws.Demand);
        ref TV g0 = ref MemoryMarshal.GetArrayDataReference(ws.Grounding);
        ref int from0 = ref MemoryMarshal.GetArrayDataReference(net.From);
        ref int to0 = ref MemoryMarshal.GetArrayDataReference(net.To);
        ref int pos0 = ref MemoryMarshal.GetArrayDataReference(net.Position);
        ref int entry0 = ref MemoryMarshal.GetArrayDataReference(net.LinkEntry);
        ref int diagFrom0 = ref MemoryMarshal.GetArrayDataReference(ws.DiagFrom);
        ref int diagTo0 = ref MemoryMarshal.GetArrayDataReference(ws.DiagTo);

        // EPANET's DAMPLIMIT, FLOWCHANGE and HEADERROR (0 where unused): the relaxation of each lane's next flow update,
        // and two more conditions on convergence.
        bool damp = net.DampLimit > 0, flowChange = net.FlowChange > 0, headError = net.HeadError > 0;
        var relax = TV.One;
        for (int iter = 1; iter <= net.MaxTrials && active != 0; iter++)
        {
            // Coefficients (hydcoeffs.c pipecoeff, DWpipecoeff, pumpcoeff), branch-free over lanes.
            BlockCoefficients(net, ws, dw, cm, nPipe, invN, rqTol, rqTolInv, cbigInv);

            // Assembly over the symbolic pattern.
            ws.V.AsSpan().Clear();
            for (int j = 0; j < nj; j++) Unsafe.Add(ref f0, Unsafe.Add(ref pos0, j)) = -Unsafe.Add(ref dem0, j);
            ws.Grounding.AsSpan().Clear();
            for (int i = 0; i < m; i++)
            {
                var pi = Unsafe.Add(ref p0, i);
                var yq = Unsafe.Add(ref y0, i) - Unsafe.Add(ref q0, i);
                int e = Unsafe.Add(ref entry0, i), da = Unsafe.Add(ref diagFrom0, i), db = Unsafe.Add(ref diagTo0, i);
                if (e >= 0) Unsafe.Add(ref v0, e) -= pi;
                if (da >= 0) { Unsafe.Add(ref v0, da) += pi; Unsafe.Add(ref f0, da) += yq; }
                else if (db >= 0)
                {
                    Unsafe.Add(ref f0, db) += pi * Unsafe.Add(ref h0, Unsafe.Add(ref from0, i));
                    Unsafe.Add(ref g0, db) += pi;
                }
                if (db >= 0) { Unsafe.Add(ref v0, db) += pi; Unsafe.Add(ref f0, db) -= yq; }
                else if (da >= 0)
                {
                    Unsafe.Add(ref f0, da) += pi * Unsafe.Add(ref h0, Unsafe.Add(ref to0, i));
                    Unsafe.Add(ref g0, da) += pi;
                }
            }

            if (ws.EmitterJunctions.Length > 0) AssembleEmitters(net, ws);
            if (net.PressureDriven) AssembleDemands(net, ws);

            uint singular = TV.MaskBits(
                ws.Updates is { } updates ? CholeskySolve(net, updates, ws.V, ws.F, ws.Grounding)
                : ws.Supernodes is { } plan ? (plan.Solve(net, MemoryMarshal.Cast<TV, double>(ws.V.AsSpan()), MemoryMarshal.Cast<TV, double>(ws.F.AsSpan()), MemoryMarshal.Cast<TV, double>(ws.Grounding.AsSpan()), ws.SupernodeScratch!) ? TV.Zero : TV.AllBitsSet)
                : CholeskySolveUpLooking(net, ws.V, ws.F, ws.X, ws.Grounding)) & active;

            // Flow update; finished and singular lanes keep their values.
            uint updateBits = active & ~singular;
            var update = TV.MaskFromBits(updateBits);
            for (int j = 0; j < nj; j++) Unsafe.Add(ref h0, j) = TV.Select(update, Unsafe.Add(ref f0, Unsafe.Add(ref pos0, j)), Unsafe.Add(ref h0, j));
            var qSum = zero;
            var dqSum = zero;
            var maxDq = zero;
            // The usual update, or with DAMPLIMIT's relaxation and FLOWCHANGE's largest |ΔQ| (one source, two compiled forms).
            if (damp || flowChange) FlowUpdate<TV, WithSolverOptions>(net, ws, update, relax, ref qSum, ref dqSum, ref maxDq);
            else FlowUpdate<TV, WithoutSolverOptions>(net, ws, update, relax, ref qSum, ref dqSum, ref maxDq);
            if (ws.EmitterJunctions.Length > 0) UpdateEmitterFlows(net, ws, update, relax, ref qSum, ref dqSum);
            if (net.PressureDriven) UpdateDemandFlows(net, ws, update, relax, ref qSum, ref dqSum);
            var relErr = TV.Select(TV.GreaterThan(qSum, qSmall), dqSum / qSum, dqSum);
            if (damp) relax = TV.Select(TV.LessThanOrEqual(relErr, TV.Create(net.DampLimit)), TV.Create(0.6), TV.One);

            // Per-lane GGA control (hydsolver.c hydsolve): converge, or check statuses every CheckFreq trials.
            uint converged = TV.MaskBits(TV.LessThanOrEqual(relErr, accuracy));
            if (flowChange) converged &= ~TV.MaskBits(TV.GreaterThan(maxDq, TV.Create(net.FlowChange)));
            if (net.PressureDriven && converged != 0) converged &= ~DemandsUnsettled(net, ws);
            if (headError && (converged & updateBits) != 0)
            {
                // checkhydbalance: coefficients afresh at the updated flows (the next trial takes them again).
                BlockCoefficients(net, ws, dw, cm, nPipe, invN, rqTol, rqTolInv, cbigInv);
                var worst = zero;
                for (int i = 0; i < m; i++)
                {
                    var p = Unsafe.Add(ref p0, i);
                    var gap = TV.Abs(Unsafe.Add(ref h0, Unsafe.Add(ref from0, i)) - Unsafe.Add(ref h0, Unsafe.Add(ref to0, i)) - Unsafe.Add(ref y0, i) / p);
                    var open = TV.AndNot(TV.AllBitsSet, Unsafe.Add(ref fc0, i) | Unsafe.Add(ref sc0, i) | TV.LessThanOrEqual(TV.Abs(p), zero));
                    worst = TV.Select(open & TV.GreaterThan(gap, worst), gap, worst);
                }
                converged &= ~TV.MaskBits(TV.GreaterThan(worst, TV.Create(net.HeadError)));
            }
            uint checkBits = converged;
            if (iter <= net.MaxCheck)
            {
                for (int l = 0; l < W; l++) if (iter == nextCheck[l]) checkBits |= 1u << l;
            }
            checkBits &= updateBits;
            if (updateBits != 0)
            {
                TV.Store(relErr, ref MemoryMarshal.GetArrayDataReference(ws.Scratch));
                for (int l = 0; l < W; l++) if ((updateBits >> l & 1) != 0) relOut[l] = ws.Scratch[l];
            }
            uint changed = ws.CheckCount > 0 && checkBits != 0 ? StatusCheck(net, ws, TV.MaskFromBits(checkBits)) : 0;
            // Then, in converged lanes only, the controls on junction pressure (hydsolve: linkstatus, then pswitch).
            if (net.PressureControlCount > 0 && (converged & updateBits) != 0) changed |= PressureSwitch(net, ws, TV.MaskFromBits(converged & updateBits));
            uint next = active;
            for (uint rest = active; rest != 0; rest &= rest - 1)
            {
                int l = BitOperations.TrailingZeroCount(rest);
                uint bit = 1u << l;
                if ((singular & bit) != 0)
                {
                    status[l] = (byte)LaneStatus.Singular;
                    iterations[l] = iter;
                    next &= ~bit;
                }
                else if ((converged & bit) != 0)
                {
                    if ((changed & bit) == 0)
                    {
                        status[l] = (byte)LaneStatus.Converged;
                        iterations[l] = iter;
                        next &= ~bit;
                    }
                    else nextCheck[l] = iter + net.CheckFrequency;
                }
                else if (iter <= net.MaxCheck && iter == nextCheck[l])
                {
                    nextCheck[l] += net.CheckFrequency;
                }
            }
            active = next;
        }

        StoreLaneOutcomes(batch, k0, status[..valid], iterations, relOut);
        for (int n = 0; n < nn; n++) Store(ws.H[n], batch.Head, n * K + k0, valid);
        foreach (int j in ws.EmitterJunctions) Store(ws.EmitterQ[j], batch.EmitterFlow, j * K + k0, valid);
        for (int j = 0; j < ws.DemandQ.Length; j++) Store(ws.DemandQ[j], batch.DemandFlow, j * K + k0, valid);
        for (int i = 0; i < m; i++)
        {
            Store(ws.Q[i], batch.Flow, i * K + k0, valid);
            uint closed = TV.MaskBits(fixedClosed[i] | statusClosed[i]);
            // 1, or with GgaLaneSolver.ClosedByControl where a control closed it (the lanes through time carry that on).
            uint byControl = ws.ControlClosed.Length > 0 ? TV.MaskBits(ws.ControlClosed[i]) : 0;
            var row = batch.Closed.AsSpan(i * K + k0, valid);
            for (int l = 0; l < row.Length; l++) row[l] = (byte)((closed >> l & 1) | (byControl >> l & 1) * GgaLaneSolver.ClosedByControl);
        }
    }

    /// <summary>
    /// An emitter's head loss and gradient for a block (hydcoeffs.c emitterheadloss, as
    /// <see cref="LinkCoefficients{TMath}.Emitter"/>): g = qexp·ke·|q|^(qexp−1), h = g·q/qexp, linear below RQtol.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void EmitterLoss<TV>(double ke, double qexp, TV q, out TV hgrad, out TV hloss) where TV : struct, ILaneVector<TV>
    {
        var gradient = Pow(TV.Abs(q), qexp - 1.0) * (qexp * ke);
        var low = TV.LessThan(gradient, TV.Create(GgaConstants.RQtol));
        hgrad = TV.Select(low, TV.Create(GgaConstants.RQtol), gradient);
        hloss = TV.Select(low, hgrad * q, hgrad * q * (1.0 / qexp));
    }

    /// <summary>hydcoeffs.c emittercoeffs for a block: a conductance 1/g to a fixed head at the junction's elevation, the outflow out of its balance.</summary>
    private static void AssembleEmitters<TV>(CompiledNetwork net, Workspace<TV> ws) where TV : struct, ILaneVector<TV>
    {
        foreach (int j in ws.EmitterJunctions)
        {
            var q = ws.EmitterQ[j];
            EmitterLoss(net.EmitterResistance[j], net.EmitterExponent, q, out var hgrad, out var hloss);
            ws.EmitterG[j] = hgrad;
            ws.EmitterH[j] = hloss;
            var conductance = TV.One / hgrad;
            int position = net.Position[j];
            ws.V[position] += conductance;
            ws.Grounding[position] += conductance;
            ws.F[position] += (hloss + TV.Create(net.Elevation[j])) / hgrad - q;
        }
    }

    /// <summary>hydsolver.c newemitterflows for a block: each emitter's Newton step where <paramref name="update"/> holds, into Σ|Q| and Σ|ΔQ|, with the assembly's coefficients.</summary>
    private static void UpdateEmitterFlows<TV>(CompiledNetwork net, Workspace<TV> ws, TV update, TV relax, ref TV qSum, ref TV dqSum) where TV : struct, ILaneVector<TV>
    {
        foreach (int j in ws.EmitterJunctions)
        {
            var q = ws.EmitterQ[j];
            var hgrad = ws.EmitterG[j];
            var hloss = ws.EmitterH[j];
            var dq = (hloss - (ws.H[j] - TV.Create(net.Elevation[j]))) / hgrad * relax;
            var qn = q - dq;
            ws.EmitterQ[j] = TV.Select(update, qn, q);
            qSum += TV.Abs(qn);
            dqSum += TV.Abs(dq);
        }
    }

    /// <summary>
    /// A pressure-driven demand's head loss and gradient for a block (<see cref="LinkCoefficients{TMath}.PressureDrivenDemand"/>):
    /// barriers at zero and full demand, the power law between them, linear below RQtol. Lanes whose full demand is not
    /// positive get anything: the callers mask them out.
    /// </summary>
    private static void DemandLoss<TV>(CompiledNetwork net, TV d, TV full, out TV hgrad, out TV hloss) where TV : struct, ILaneVector<TV>
    {
        double n = net.PdaExponent, dp = net.PdaPressureRange;
        var cbig = TV.Create(GgaConstants.CBig);
        var rqTol = TV.Create(GgaConstants.RQtol);
        var r = d / full;
        var gradient = Pow(r, n - 1.0) * (n * dp) / full;
        var linear = TV.LessThan(gradient, rqTol);
        var g = TV.Select(linear, rqTol, gradient);
        var h = TV.Select(linear, rqTol * d, gradient * d * (1.0 / n));
        var none = TV.LessThanOrEqual(r, TV.Zero);
        var all = TV.AndNot(TV.AllBitsSet, none | TV.LessThan(r, TV.One));
        hgrad = TV.Select(none | all, cbig, g);
        hloss = TV.Select(none, cbig * d, TV.Select(all, TV.Create(dp) + cbig * (d - full), h));
    }

    /// <summary>hydcoeffs.c demandcoeffs for a block: where the full demand is positive, a grounded conductance 1/g and the delivered demand, not the full one, out of the balance.</summary>
    private static void AssembleDemands<TV>(CompiledNetwork net, Workspace<TV> ws) where TV : struct, ILaneVector<TV>
    {
        for (int j = 0; j < net.JunctionCount; j++)
        {
            var full = ws.Demand[j];
            var d = ws.DemandQ[j];
            DemandLoss(net, d, full, out var hgrad, out var hloss);
            ws.DemandG[j] = hgrad;
            ws.DemandH[j] = hloss;
            var positive = TV.GreaterThan(full, TV.Zero);
            var piped = TV.GreaterThan(hgrad, TV.Zero);
            var conductance = TV.Select(positive & piped, TV.One / hgrad, TV.Zero);
            int position = net.Position[j];
            ws.V[position] += conductance;
            ws.Grounding[position] += conductance;
            // In the scalar solver's order: the full demand back in, the delivered one out, then the pipe to the reservoir.
            var grounded = TV.Select(piped, (hloss + TV.Create(net.Elevation[j]) + TV.Create(net.PdaMinimumPressure)) / hgrad, TV.Zero);
            ws.F[position] = TV.Select(positive, ws.F[position] + full - d + grounded, ws.F[position]);
        }
    }

    /// <summary>hydsolver.c newdemandflows for a block: each positive demand's Newton step where <paramref name="update"/> holds, into Σ|Q| and Σ|ΔQ|, with the assembly's coefficients.</summary>
    private static void UpdateDemandFlows<TV>(CompiledNetwork net, Workspace<TV> ws, TV update, TV relax, ref TV qSum, ref TV dqSum) where TV : struct, ILaneVector<TV>
    {
        for (int j = 0; j < net.JunctionCount; j++)
        {
            var full = ws.Demand[j];
            var d = ws.DemandQ[j];
            var hgrad = ws.DemandG[j];
            var hloss = ws.DemandH[j];
            var positive = TV.GreaterThan(full, TV.Zero);
            var dq = (hloss - (ws.H[j] - TV.Create(net.Elevation[j]) - TV.Create(net.PdaMinimumPressure))) / hgrad * relax;
            var dn = d - dq;
            ws.DemandQ[j] = TV.Select(update & positive, dn, d);
            qSum += TV.Select(positive, TV.Abs(dn), TV.Zero);
            dqSum += TV.Select(positive, TV.Abs(dq), TV.Zero);
        }
    }

    /// <summary>hydsolver.c pdaconverged for a block (<see cref="GgaConstants.PressureDrivenDemandSettled"/>): the lanes where a junction draws a negative demand, or a positive one below its minimum pressure.</summary>
    private static uint DemandsUnsettled<TV>(CompiledNetwork net, Workspace<TV> ws) where TV : struct, ILaneVector<TV>
    {
        var qTol = TV.Create(GgaConstants.PdaDemandTolerance);
        var pTol = TV.Create(-GgaConstants.PdaPressureTolerance);
        var bad = TV.Zero;
        for (int j = 0; j < net.JunctionCount; j++)
        {
            var d = ws.DemandQ[j];
            var pressure = ws.H[j] - TV.Create(net.Elevation[j]) - TV.Create(net.PdaMinimumPressure);
            var unsettled = TV.LessThan(d, -qTol) | (TV.GreaterThan(d, qTol) & TV.LessThan(pressure, pTol));
            bad |= TV.GreaterThan(ws.Demand[j], TV.Zero) & unsettled;
        }
        return TV.MaskBits(bad);
    }

    /// <summary>Whether a flow update applies DAMPLIMIT's relaxation and tracks FLOWCHANGE's largest |ΔQ| (fixed per compiled form).</summary>
    private interface ISolverOptionsFlag
    {
        static abstract bool On { get; }
    }

    private struct WithSolverOptions : ISolverOptionsFlag
    {
        public static bool On => true;
    }

    private struct WithoutSolverOptions : ISolverOptionsFlag
    {
        public static bool On => false;
    }

    /// <summary>
    /// hydsolver.c newflows for a block: Q −= Y − P·(H1 − H2) where <paramref name="update"/> holds, Σ|Q| and Σ|ΔQ|;
    /// with <typeparamref name="TOptions"/> on, each lane's step × its relaxation (0.6 once its last relative change was
    /// at or below DAMPLIMIT, else 1) and the largest |ΔQ| per lane. Specialized per flag, so the usual update has
    /// neither.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FlowUpdate<TV, TOptions>(CompiledNetwork net, Workspace<TV> ws, TV update, TV relax, ref TV qSum, ref TV dqSum, ref TV maxDq)
        where TV : struct, ILaneVector<TV>
        where TOptions : struct, ISolverOptionsFlag
    {
        int np = net.PipeCount;
        ref TV q0 = ref MemoryMarshal.GetArrayDataReference(ws.Q);
        ref TV p0 = ref MemoryMarshal.GetArrayDataReference(ws.P);
        ref TV y0 = ref MemoryMarshal.GetArrayDataReference(ws.Y);
        ref TV h0 = ref MemoryMarshal.GetArrayDataReference(ws.H);
        ref int from0 = ref MemoryMarshal.GetArrayDataReference(net.From);
        ref int to0 = ref MemoryMarshal.GetArrayDataReference(net.To);
        for (int i = 0; i < net.LinkCount; i++)
        {
            ref TV qr = ref Unsafe.Add(ref q0, i);
            var dq = Unsafe.Add(ref y0, i) - Unsafe.Add(ref p0, i) * (Unsafe.Add(ref h0, Unsafe.Add(ref from0, i)) - Unsafe.Add(ref h0, Unsafe.Add(ref to0, i)));
            if (TOptions.On) dq *= relax;
            // EPANET newlinkflows: a constant-power pump's flow may not go negative.
            if (i >= np && net.PumpConstantPower[i - np]) dq = TV.Select(TV.GreaterThan(dq, qr), qr * 0.5, dq);
            var qn = qr - dq;
            qr = TV.Select(update, qn, qr);
            qSum += TV.Abs(qn);
            dqSum += TV.Abs(dq);
            if (TOptions.On) maxDq = TV.Select(TV.GreaterThan(TV.Abs(dq), maxDq), TV.Abs(dq), maxDq);
        }
    }

    /// <summary>
    /// One trial's P and Y of every link of the block at its current flows (hydcoeffs.c pipecoeff, DWpipecoeff,
    /// pumpcoeff), branch-free over lanes; also what HEADERROR's check takes afresh at the updated flows.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void BlockCoefficients<TV>(CompiledNetwork net, Workspace<TV> ws, bool dw, bool cm, double nPipe, TV invN, TV rqTol, TV rqTolInv, TV cbigInv) where TV : struct, ILaneVector<TV>
    {
        const double nHw = LinkFormulas.HazenWilliamsFlowExponent;
        int np = net.PipeCount, m = net.LinkCount;
        var zero = TV.Zero;
        var minorLossFree = ws.MinorLossFree;
        ref TV q0 = ref MemoryMarshal.GetArrayDataReference(ws.Q);
        ref TV p0 = ref MemoryMarshal.GetArrayDataReference(ws.P);
        ref TV y0 = ref MemoryMarshal.GetArrayDataReference(ws.Y);
        ref TV r0 = ref MemoryMarshal.GetArrayDataReference(ws.R);
        ref TV rInvN0 = ref MemoryMarshal.GetArrayDataReference(ws.RInvN);
        ref TV km0 = ref MemoryMarshal.GetArrayDataReference(ws.Km);
        ref TV fc0 = ref MemoryMarshal.GetArrayDataReference(ws.FixedClosed);
        ref TV sc0 = ref MemoryMarshal.GetArrayDataReference(ws.StatusClosed);
        if (dw) DarcyWeisbachCoefficients(ws, np, cbigInv);
        else for (int i = 0; i < np; i++)
        {
            var qi = Unsafe.Add(ref q0, i);
            var aq = TV.Abs(qi);
            var closed = Unsafe.Add(ref fc0, i) | Unsafe.Add(ref sc0, i);
            if (minorLossFree[i])
            {
                // Without a minor loss, pipecoeff's p = 1/g = 1/(n·r·|Q|^(n−1)) and y = h/g = Q/n exactly;
                // written so, a Hazen–Williams trial needs one exp and one log per pipe and no division, a
                // Chezy–Manning one a division. |Q| = 0 gives p = +∞, i.e. the low-flow branch
                // (g < RQtol ⇔ p > 1/RQtol): g = RQtol, y = Q.
                var pn = Unsafe.Add(ref rInvN0, i) * (cm ? TV.One / aq : Pow(aq, 1.0 - nHw));
                var lowFlow = TV.GreaterThan(pn, rqTolInv);
                Unsafe.Add(ref p0, i) = TV.Select(closed, cbigInv, TV.Select(lowFlow, rqTolInv, pn));
                Unsafe.Add(ref y0, i) = TV.Select(closed | lowFlow, qi, qi * invN);
                continue;
            }
            var hgrad = Unsafe.Add(ref r0, i) * (cm ? aq : Pow(aq, nHw - 1.0)) * nPipe;
            var low = TV.LessThan(hgrad, rqTol);
            hgrad = TV.Select(low, rqTol, hgrad);
            var hloss = TV.Select(low, hgrad * aq, hgrad * aq * invN);
            var km = Unsafe.Add(ref km0, i);
            hloss += km * aq * aq;
            hgrad += km * aq * 2.0;
            hloss = TV.Select(TV.LessThan(qi, zero), -hloss, hloss);
            var inv = TV.One / hgrad;
            Unsafe.Add(ref p0, i) = TV.Select(closed, cbigInv, inv);
            Unsafe.Add(ref y0, i) = TV.Select(closed, qi, hloss * inv);
        }
        for (int i = np; i < m; i++) PumpCoefficients(net, i, ws, rqTol, cbigInv);
    }

    /// <summary>Each of the block's valid lanes' status, trial count and last relative flow change into the batch.</summary>
    private static void StoreLaneOutcomes(HydraulicBatch batch, int k0, ReadOnlySpan<byte> status, ReadOnlySpan<int> iterations, ReadOnlySpan<double> relOut)
    {
        for (int l = 0; l < status.Length; l++)
        {
            batch.Status[k0 + l] = (LaneStatus)status[l];
            batch.Iterations[k0 + l] = iterations[l];
            batch.RelativeError[k0 + l] = relOut[l];
        }
    }

    /// <summary>
    /// Asks for the cache lines of the lane block at <paramref name="k0"/> (every input and output row) while this
    /// block iterates. With K lanes per row, consecutive rows lie K·8 bytes apart: one block touches ~3 lines per
    /// link, far more streams than the hardware prefetcher follows, so without this each block starts with
    /// ~200 cache misses (measured: the first diameter load alone took 11 % of the solve time at K = 16384).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void PrefetchBlock(HydraulicBatch batch, int k0, int w)
    {
        if (!Sse.IsSupported) return;
        var net = batch.Network;
        int K = batch.Count, last = Math.Min(w, K - k0) - 1;
        fixed (double* d = batch.Diameter, c = batch.Roughness, dem = batch.Demand, fh = batch.FixedHead, h = batch.Head, q = batch.Flow)
        fixed (byte* closed = batch.Closed)
        {
            for (int i = 0; i < net.PipeCount; i++)
            {
                long o = (long)i * K + k0;
                Sse.Prefetch0(d + o); Sse.Prefetch0(d + o + last);
                Sse.Prefetch0(c + o); Sse.Prefetch0(c + o + last);
            }
            for (int j = 0; j < net.JunctionCount; j++)
            {
                long o = (long)j * K + k0;
                Sse.Prefetch0(dem + o); Sse.Prefetch0(dem + o + last);
            }
            for (int f = 0; f < net.FixedCount; f++) Sse.Prefetch0(fh + (long)f * K + k0);
            for (int n = 0; n < net.NodeCount; n++)
            {
                long o = (long)n * K + k0;
                Sse.Prefetch0(h + o); Sse.Prefetch0(h + o + last);
            }
            for (int i = 0; i < net.LinkCount; i++)
            {
                long o = (long)i * K + k0;
                Sse.Prefetch0(q + o); Sse.Prefetch0(q + o + last);
                Sse.Prefetch0(closed + o);
            }
        }
    }

    /// <summary>EPANET hydcoeffs.c pumpcoeff for link <paramref name="i"/> (a pump), lane-parallel, at each lane's speed.</summary>
    private static void PumpCoefficients<TV>(CompiledNetwork net, int i, Workspace<TV> ws, TV rqTol, TV cbigInv) where TV : struct, ILaneVector<TV>
    {
        int pu = i - net.PipeCount;
        var qi = ws.Q[i];
        var closed = ws.FixedClosed[i] | ws.StatusClosed[i];
        if (net.PumpConstantPower[pu])
        {
            ConstantPowerPump(ws.PumpRs[pu], qi, closed, out ws.P[i], out ws.Y[i]);
            return;
        }
        if (net.LinkCodes[i] == GgaLinkCode.CustomCurvePump)
        {
            CustomCurvePumpLanes(net, pu, qi, ws.PumpRs[pu], closed, cbigInv, out ws.P[i], out ws.Y[i]);
            return;
        }
        double n = net.PumpN[pu];
        var hgrad = (Math.Abs(n - 1.0) < 1e-6 ? TV.One : Pow(TV.Abs(qi), n - 1.0)) * (ws.PumpRs[pu] * n);
        var low = TV.LessThan(hgrad, rqTol);
        hgrad = TV.Select(low, rqTol, hgrad);
        var hloss = TV.Select(low, hgrad * qi, hgrad * qi / TV.Create(n)) - ws.PumpH0s[pu];
        ws.P[i] = TV.Select(closed, cbigInv, TV.One / hgrad);
        ws.Y[i] = TV.Select(closed, qi, hloss / hgrad);
    }

    /// <summary>
    /// EPANET pumpcoeff for a custom-curve pump, lane by lane with the scalar code (each lane's flow may sit on another
    /// segment of the curve, and pumps are few): <see cref="CurveSegment"/>, <see cref="LinkCoefficients{TMath}.CustomCurvePump"/>.
    /// </summary>
    private static void CustomCurvePumpLanes<TV>(CompiledNetwork net, int pu, TV qi, TV speed, TV closed, TV cbigInv, out TV p, out TV y) where TV : struct, ILaneVector<TV>
    {
        int w = TV.Count;
        Span<double> q = stackalloc double[w], s = stackalloc double[w], pl = stackalloc double[w], yl = stackalloc double[w];
        TV.Store(qi, ref q[0]);
        TV.Store(speed, ref s[0]);
        var points = new HostGgaNetwork(net);
        int first = net.PumpCurveStart[pu], end = net.PumpCurveStart[pu + 1];
        for (int l = 0; l < w; l++)
        {
            // A lane at speed 0 is closed (selected away below); its placeholder stays finite.
            if (!(s[l] > 0)) { pl[l] = 1; yl[l] = 0; continue; }
            CurveSegment.Find(points, first, end, Math.Abs(q[l]) / s[l], out double h0, out double r);
            LinkCoefficients<HostMath>.CustomCurvePump(h0, r, s[l], q[l], out pl[l], out yl[l]);
        }
        p = TV.Select(closed, cbigInv, TV.Load(ref pl[0]));
        y = TV.Select(closed, qi, TV.Load(ref yl[0]));
    }

    /// <summary>EPANET pumpcoeff for a constant-power pump (LinkCoefficients.ConstantPowerPump), lane-parallel; <paramref name="rs"/> = R·s³ per lane.</summary>
    private static void ConstantPowerPump<TV>(TV rs, TV qi, TV closed, out TV p, out TV y) where TV : struct, ILaneVector<TV>
    {
        var aq = TV.Abs(qi);
        var hgrad = rs / (aq * aq);
        var big = TV.AndNot(TV.GreaterThan(hgrad, TV.Create(GgaConstants.CBig)), closed);
        var small = TV.AndNot(TV.AndNot(TV.LessThan(hgrad, TV.Create(GgaConstants.RQtol)), big), closed);
        var inv = TV.One / hgrad;
        p = TV.Select(closed | big, TV.Create(1.0 / GgaConstants.CBig), TV.Select(small, TV.Create(1.0 / GgaConstants.RQtol), inv));
        y = TV.Select(closed, qi, TV.Select(big | small, -qi, -rs / qi * inv));
    }

    /// <summary>
    /// Lane-parallel sparse Cholesky solve (left-looking over the shared update list); returns the lanes with a
    /// non-positive pivot. <paramref name="grounding"/> carries the rows' excess, which is the pivot of a column with
    /// nothing below it (<see cref="GgaLaneSolver.CholeskySolve"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static TV CholeskySolve<TV>(CompiledNetwork net, LeftLookingUpdates updates, TV[] v, TV[] f, TV[] grounding) where TV : struct, ILaneVector<TV>
    {
        // Indices come from CompiledNetwork's symbolic factorization (all < FactorSize / JunctionCount by
        // construction), so the hot loops index through refs without bounds checks. Each target takes its
        // updates in the right-looking order, so the arithmetic is the same operation for operation.
        int nj = net.JunctionCount;
        var bad = TV.Zero;
        ref TV v0 = ref MemoryMarshal.GetArrayDataReference(v);
        ref TV l0 = ref Unsafe.Add(ref v0, nj);
        ref TV f0 = ref MemoryMarshal.GetArrayDataReference(f);
        ref TV g0 = ref MemoryMarshal.GetArrayDataReference(grounding);
        ref int colStart = ref MemoryMarshal.GetArrayDataReference(net.ColumnStart);
        ref int ua = ref MemoryMarshal.GetArrayDataReference(updates.A);
        ref int ub = ref MemoryMarshal.GetArrayDataReference(updates.B);
        ref int us = ref MemoryMarshal.GetArrayDataReference(updates.Start);
        ref int rows = ref MemoryMarshal.GetArrayDataReference(net.RowOfEntry);
        for (int c = 0; c < nj; c++)
        {
            int e0 = Unsafe.Add(ref colStart, c), e1 = Unsafe.Add(ref colStart, c + 1);
            ref TV excess = ref Unsafe.Add(ref g0, c);
            // A column with nothing below it takes its excess as its pivot, without the subtraction that cancels.
            var piv = excess;
            if (e0 < e1)
            {
                piv = Unsafe.Add(ref v0, c);
                int u1 = Unsafe.Add(ref us, c + 1);
                for (int u = Unsafe.Add(ref us, c); u < u1; u++) piv -= Unsafe.Add(ref v0, Unsafe.Add(ref ua, u)) * Unsafe.Add(ref v0, Unsafe.Add(ref ub, u));
            }
            var positive = TV.GreaterThan(piv, TV.Zero);
            bad |= TV.AndNot(TV.AllBitsSet, positive);
            // The diagonal keeps 1/L(c,c): the substitutions below then multiply instead of divide.
            var dInv = TV.ReciprocalSqrt(TV.Select(positive, piv, TV.One));
            Unsafe.Add(ref v0, c) = dInv;
            // Column c of L is final here, so the forward substitution L·z = f takes its step in the same pass,
            // and the rows below take their share |L(i,c)|·e(c)/L(c,c) of its excess.
            var fc = Unsafe.Add(ref f0, c) * dInv;
            Unsafe.Add(ref f0, c) = fc;
            var gc = excess * dInv;
            for (int e = e0; e < e1; e++)
            {
                var a = Unsafe.Add(ref l0, e);
                int w1 = Unsafe.Add(ref us, nj + e + 1);
                for (int u = Unsafe.Add(ref us, nj + e); u < w1; u++) a -= Unsafe.Add(ref v0, Unsafe.Add(ref ua, u)) * Unsafe.Add(ref v0, Unsafe.Add(ref ub, u));
                var l = a * dInv;
                Unsafe.Add(ref l0, e) = l;
                int row = Unsafe.Add(ref rows, e);
                Unsafe.Add(ref f0, row) -= l * fc;
                Unsafe.Add(ref g0, row) += TV.Abs(l) * gc;
            }
        }
        BackSubstitute(net, v, f);
        return bad;
    }

    /// <summary>Lᵀ·x = z in place of <paramref name="f"/>, column by column from the last; the diagonal holds 1/L(c,c).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BackSubstitute<TV>(CompiledNetwork net, TV[] v, TV[] f) where TV : struct, ILaneVector<TV>
    {
        int nj = net.JunctionCount;
        ref TV v0 = ref MemoryMarshal.GetArrayDataReference(v);
        ref TV l0 = ref Unsafe.Add(ref v0, nj);
        ref TV f0 = ref MemoryMarshal.GetArrayDataReference(f);
        ref int colStart = ref MemoryMarshal.GetArrayDataReference(net.ColumnStart);
        ref int rows = ref MemoryMarshal.GetArrayDataReference(net.RowOfEntry);
        for (int c = nj - 1; c >= 0; c--)
        {
            var s = Unsafe.Add(ref f0, c);
            int e1 = Unsafe.Add(ref colStart, c + 1);
            for (int e = Unsafe.Add(ref colStart, c); e < e1; e++) s -= Unsafe.Add(ref l0, e) * Unsafe.Add(ref f0, Unsafe.Add(ref rows, e));
            Unsafe.Add(ref f0, c) = s * Unsafe.Add(ref v0, c);
        }
    }

    /// <summary>
    /// Lane-parallel up-looking sparse Cholesky solve (as <see cref="GgaLaneSolver.CholeskySolve"/>: row k of L from
    /// the rows above it through the dense row <paramref name="x"/>, O(nnz(L)) memory), with the forward substitution
    /// taken row by row in the same pass; the diagonal keeps 1/L(k,k). Returns the lanes with a non-positive pivot.
    /// <paramref name="grounding"/> carries the rows' excess, the pivot of a column with nothing below it.
    /// </summary>
    private static TV CholeskySolveUpLooking<TV>(CompiledNetwork net, TV[] v, TV[] f, TV[] x, TV[] grounding) where TV : struct, ILaneVector<TV>
    {
        // Indices come from CompiledNetwork's symbolic factorization (columns < J, entries < FactorSize − J), so the
        // loops index through refs without bounds checks.
        int nj = net.JunctionCount;
        var bad = TV.Zero;
        ref TV v0 = ref MemoryMarshal.GetArrayDataReference(v);
        ref TV l0 = ref Unsafe.Add(ref v0, nj);
        ref TV f0 = ref MemoryMarshal.GetArrayDataReference(f);
        ref TV x0 = ref MemoryMarshal.GetArrayDataReference(x);
        ref TV g0 = ref MemoryMarshal.GetArrayDataReference(grounding);
        ref int colStart = ref MemoryMarshal.GetArrayDataReference(net.ColumnStart);
        ref int rows = ref MemoryMarshal.GetArrayDataReference(net.RowOfEntry);
        ref int rowStart = ref MemoryMarshal.GetArrayDataReference(net.RowStart);
        ref int rowColumn = ref MemoryMarshal.GetArrayDataReference(net.RowColumn);
        ref int rowEntry = ref MemoryMarshal.GetArrayDataReference(net.RowEntry);
        for (int k = 0; k < nj; k++)
        {
            int t0 = Unsafe.Add(ref rowStart, k), t1 = Unsafe.Add(ref rowStart, k + 1);
            for (int t = t0; t < t1; t++) Unsafe.Add(ref x0, Unsafe.Add(ref rowColumn, t)) = Unsafe.Add(ref l0, Unsafe.Add(ref rowEntry, t));
            var d = Unsafe.Add(ref v0, k);
            var fk = Unsafe.Add(ref f0, k);
            ref TV excess = ref Unsafe.Add(ref g0, k);
            for (int t = t0; t < t1; t++)
            {
                int j = Unsafe.Add(ref rowColumn, t), ekj = Unsafe.Add(ref rowEntry, t);
                ref TV xj = ref Unsafe.Add(ref x0, j);
                var lkj = xj * Unsafe.Add(ref v0, j);
                excess += TV.Abs(lkj) * Unsafe.Add(ref g0, j);
                xj = TV.Zero;
                for (int e = Unsafe.Add(ref colStart, j); e < ekj; e++)
                {
                    ref TV xi = ref Unsafe.Add(ref x0, Unsafe.Add(ref rows, e));
                    xi -= Unsafe.Add(ref l0, e) * lkj;
                }
                d -= lkj * lkj;
                fk -= lkj * Unsafe.Add(ref f0, j);
                Unsafe.Add(ref l0, ekj) = lkj;
            }
            if (Unsafe.Add(ref colStart, k + 1) == Unsafe.Add(ref colStart, k)) d = excess;
            var positive = TV.GreaterThan(d, TV.Zero);
            bad |= TV.AndNot(TV.AllBitsSet, positive);
            var dInv = TV.ReciprocalSqrt(TV.Select(positive, d, TV.One));
            Unsafe.Add(ref v0, k) = dInv;
            Unsafe.Add(ref f0, k) = fk * dInv;
            excess *= dInv; // from here on e(k)/L(k,k)
        }
        BackSubstitute(net, v, f);
        return bad;
    }

    /// <summary>
    /// EPANET hydraul.c pswitch in the lanes of <paramref name="check"/>, as <see cref="GgaLaneSolver"/>'s (each control in
    /// file order; a pipe takes the control's status where it differs, a pump where its setting does); returns lanes
    /// where a link changed.
    /// </summary>
    private static uint PressureSwitch<TV>(CompiledNetwork net, Workspace<TV> ws, TV check) where TV : struct, ILaneVector<TV>
    {
        var changed = TV.Zero;
        var htol = TV.Create(GgaConstants.Htol);
        for (int c = 0; c < net.PressureControlCount; c++)
        {
            var h = ws.H[net.PressureControlNode[c]];
            var grade = TV.Create(net.PressureControlHead[c]);
            var fires = check & (net.PressureControlBelow[c] ? TV.LessThanOrEqual(h, grade + htol) : TV.LessThanOrEqual(grade - htol, h));
            int i = net.PressureControlLink[c];
            var fixedClosed = ws.FixedClosed[i];
            var statusClosed = ws.StatusClosed[i];
            var byControl = ws.ControlClosed[i];
            var locked = ws.NotOpenable[i];
            TV change;
            if (net.PressureControlOpens[c])
            {
                // A pipe closed in any way opens; a pump opens only from the setting 0 a control gave it.
                change = fires & TV.AndNot(i < net.PipeCount ? fixedClosed | statusClosed : byControl, locked);
                ws.FixedClosed[i] = TV.AndNot(fixedClosed, change);
                ws.ControlClosed[i] = TV.AndNot(byControl, change);
            }
            else
            {
                // A pipe not yet CLOSED closes; a pump closes unless its setting is 0 already.
                change = TV.AndNot(fires, i < net.PipeCount ? fixedClosed : byControl | locked);
                ws.FixedClosed[i] = fixedClosed | change;
                ws.ControlClosed[i] = byControl | change;
            }
            ws.StatusClosed[i] = TV.AndNot(statusClosed, change);
            changed |= change;
        }
        return TV.MaskBits(changed);
    }

    /// <summary>
    /// EPANET hydstatus.c linkstatus for check valves, pumps and links to full or empty tanks, in the lanes of
    /// <paramref name="check"/> (the comparisons of <see cref="LinkStatusRules"/>, lane-parallel); returns lanes whose
    /// statuses changed.
    /// </summary>
    private static uint StatusCheck<TV>(CompiledNetwork net, Workspace<TV> ws, TV check) where TV : struct, ILaneVector<TV>
    {
        var changed = TV.Zero;
        var htol = TV.Create(GgaConstants.Htol);
        var negHtol = TV.Create(-GgaConstants.Htol);
        var qtol = TV.Create(-GgaConstants.Qtol);
        var posQtol = TV.Create(GgaConstants.Qtol);
        for (int c = 0; c < ws.CheckCount; c++)
        {
            int i = ws.CheckLinks[c];
            var dh = ws.H[net.From[i]] - ws.H[net.To[i]];
            var q = ws.Q[i];
            var old = ws.StatusClosed[i];
            var closed = TV.Zero;
            int code = net.LinkCodes[i];
            if (code == GgaLinkCode.CheckValve)
            {
                var reverse = TV.LessThan(q, qtol);
                var big = TV.GreaterThan(TV.Abs(dh), htol);
                var whenBig = TV.LessThan(dh, negHtol) | reverse;
                closed = TV.Select(big, whenBig, reverse | old);
            }
            else if (code is GgaLinkCode.PowerCurvePump or GgaLinkCode.CustomCurvePump)
            {
                // EPANET: a constant-power pump never closes on head (Hmax = BIG).
                closed = TV.GreaterThan(-dh, ws.PumpH0s[i - net.PipeCount] + htol);
            }
            if (GgaLinkCode.IsPump(code)) closed |= ws.NoForward[i] | ws.EmptyForward[i];
            else
            {
                closed |= ws.NoForward[i] & (TV.GreaterThan(dh, htol) | TV.GreaterThan(q, posQtol));
                closed |= ws.NoReverse[i] & (TV.LessThan(dh, negHtol) | TV.LessThan(q, qtol));
                // Out of an empty tank only as a closed check valve would open (LinkStatusRules.TankClosed).
                closed |= TV.AndNot(ws.EmptyForward[i] & TV.GreaterThan(dh, htol), TV.LessThan(q, qtol));
                closed |= TV.AndNot(ws.EmptyReverse[i] & TV.LessThan(dh, negHtol), TV.GreaterThan(q, posQtol));
            }
            closed = TV.AndNot(closed, ws.FixedClosed[i]);
            var next = TV.Select(check, closed, old);
            changed |= next ^ old;
            ws.StatusClosed[i] = next;
        }
        return TV.MaskBits(changed);
    }
}
