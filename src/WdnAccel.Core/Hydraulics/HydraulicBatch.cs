namespace WdnAccel.Core.Hydraulics;

/// <summary>
/// Inputs, outputs and reusable buffers of one batched snapshot solve over <see cref="Count"/> lanes
/// (a lane = one candidate design × one demand case). Structure-of-arrays with the lane fastest:
/// <c>value[element * Count + lane]</c> (structure of arrays, so SIMD lanes and GPU threads read consecutive values). Allocate once per (network, K) and reuse across
/// generations: write the inputs, call an <c>IHydraulicSession</c>'s <c>Solve</c> (or <c>IComputeBackend.SolveHydraulics</c> once), read the outputs.
/// Inputs start at the network's own values (demand case 0).
/// </summary>
public sealed class HydraulicBatch
{
    public CompiledNetwork Network { get; }
    /// <summary>Lanes K.</summary>
    public int Count { get; }

    /// <summary>Input: pipe diameters (m), [pipe * K + lane]. A diameter ≤ 0 closes the pipe in that lane ("no pipe" options).</summary>
    public double[] Diameter { get; }
    /// <summary>Input: Hazen–Williams C, [pipe * K + lane].</summary>
    public double[] Roughness { get; }
    /// <summary>Input: junction demands (m³/s), [junction * K + lane].</summary>
    public double[] Demand { get; }
    /// <summary>Input: heads of fixed-head nodes (m), [(node − J) * K + lane].</summary>
    public double[] FixedHead { get; }

    /// <summary>
    /// Input: per-lane link state, [link * K + lane], bits <see cref="LinkClosed"/> and <see cref="LinkTankBits"/>; 0
    /// leaves the link as the network has it. Lets each lane of an extended-period batch close its own links (controls,
    /// pumps switched off) and keep water out of its own full tanks and in its own empty ones. A new batch starts with
    /// the bits of time zero (<see cref="CompiledNetwork.TimeZeroLinkState"/>), as EPANET's snapshot solve applies them.
    /// </summary>
    public byte[] LinkState { get; }
    /// <summary>
    /// Input: pump speeds (relative), [pump * K + lane]; 0 closes the pump in that lane. Starts at the network's speeds.
    /// A cold start still puts a pump at the network's start flow (<see cref="CompiledNetwork.PumpQ0"/>), open or closed.
    /// </summary>
    public double[] PumpSpeed { get; }
    /// <summary>
    /// When true, each lane starts from the flows in <see cref="Flow"/> and the closed flags in <see cref="Closed"/>
    /// (left by the last solve or written by the caller) instead of EPANET's initial flows, as an extended-period run
    /// starts each period from the last one's solution (EPANET 2.2 hydraul.c: flows and statuses carry over). Links
    /// closed by a warm-start flag reopen at the first status check when no rule keeps them closed.
    /// </summary>
    public bool WarmStart { get; set; }

    /// <summary><see cref="LinkState"/> bit: the link is closed for the whole solve.</summary>
    public const byte LinkClosed = 1;
    /// <summary>
    /// <see cref="LinkState"/> bit: no flow from Node1 into the full tank at Node2 (EPANET tankstatus): a pipe closes at a
    /// status check as an open check valve pointing Node2→Node1 would; a pump closes.
    /// </summary>
    public const byte LinkNoForward = 2;
    /// <summary><see cref="LinkState"/> bit: no flow from Node2 into the full tank at Node1 (pipes only; a pump cannot flow backwards anyway).</summary>
    public const byte LinkNoReverse = 4;
    /// <summary>
    /// <see cref="LinkState"/> bit: the tank at Node1 is empty: a pipe closes where a closed check valve out of the tank
    /// would open (its head above Node2's by more than Htol, no inflow), as EPANET 2.2's tankstatus; a pump closes.
    /// </summary>
    public const byte LinkEmptyForward = 8;
    /// <summary><see cref="LinkState"/> bit: the tank at Node2 is empty (pipes only), as <see cref="LinkEmptyForward"/> the other way.</summary>
    public const byte LinkEmptyReverse = 16;
    /// <summary>
    /// <see cref="LinkState"/> bit, pumps only, with <see cref="LinkClosed"/>: a control closed the pump (EPANET's setting
    /// 0), and <see cref="PumpSpeed"/> holds the speed a control on junction pressure that opens it sets (the
    /// extended-period lanes; <see cref="CompiledNetwork.PressureControlLink"/>).
    /// </summary>
    public const byte LinkSettingZero = 32;
    /// <summary>Every tank direction bit of <see cref="LinkState"/>.</summary>
    public const byte LinkTankBits = LinkNoForward | LinkNoReverse | LinkEmptyForward | LinkEmptyReverse;

    /// <summary>Output: heads (m) of every node (junctions, then fixed), [node * K + lane].</summary>
    public double[] Head { get; }
    /// <summary>Output: link flows (m³/s, positive from Node1 to Node2), [link * K + lane].</summary>
    public double[] Flow { get; }
    /// <summary>
    /// Output: nonzero where the link ended closed (input-closed, check valve shut, pump unable to deliver head), else 0:
    /// 1, or 1 | <see cref="GgaLaneSolver.ClosedByControl"/> where a control on junction pressure closed it (EPANET
    /// CLOSED, a pump's setting 0).
    /// </summary>
    public byte[] Closed { get; }
    /// <summary>
    /// Output: each junction's emitter outflow (m³/s), [junction * K + lane], 0 at junctions without one; empty when the
    /// network has no emitters (<see cref="CompiledNetwork.EmitterCount"/>). EPANET reports a junction's demand as its
    /// <see cref="DeliveredDemand"/> plus this.
    /// </summary>
    public double[] EmitterFlow { get; }
    /// <summary>
    /// Output: the demand each junction delivers (m³/s), [junction * K + lane], under pressure-driven demand
    /// (<see cref="CompiledNetwork.PressureDriven"/>; empty otherwise): from 0 at the minimum pressure to
    /// <see cref="Demand"/> at the required one.
    /// </summary>
    public double[] DemandFlow { get; }
    /// <summary>
    /// Output: each valve's state at the end of the solve, [valve * K + lane] (valve v is link
    /// <see cref="CompiledNetwork.ValveStart"/> + v): <see cref="ValveOpen"/>, <see cref="ValveClosed"/>,
    /// <see cref="ValveActive"/> (holding its setting) or <see cref="ValveCannotHold"/> (EPANET's XPRESSURE for a PRV or
    /// PSV, XFCV for an FCV: open, short of its setting); empty without valves. <see cref="Closed"/> says closed or not.
    /// </summary>
    public byte[] ValveStatus { get; }
    public const byte ValveOpen = 0, ValveClosed = 1, ValveActive = 2, ValveCannotHold = 3;
    public LaneStatus[] Status { get; }
    /// <summary>GGA trials used per lane.</summary>
    public int[] Iterations { get; }
    /// <summary>Last Σ|ΔQ|/Σ|Q| per lane.</summary>
    public double[] RelativeError { get; }

    /// <summary>
    /// When false, a device backend may leave Head, Flow, Closed and RelativeError on the device after a solve (only
    /// Status and Iterations come back), for callers that read nothing but the limits kernel's results, e.g. an
    /// optimizer's generation. Host backends always fill them. Default true.
    /// </summary>
    public bool OutputsToHost { get; set; } = true;

    /// <summary>
    /// Lanes [0, ActiveLanes) are solved by the next <c>SolveHydraulics</c>; the others keep their last state, except
    /// that a backend may also solve the rest of its last vector block (SIMD: 8 lanes) or work-group (OpenCL). Lets
    /// a batch grown for a large population solve a smaller one without paying for the unused lanes. Default
    /// <see cref="Count"/>.
    /// </summary>
    public int ActiveLanes
    {
        get => _activeLanes;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, Count);
            _activeLanes = value;
        }
    }
    private int _activeLanes;

    /// <summary>Most lanes a batch of <paramref name="network"/> can hold: its longest SoA array must fit one .NET array.</summary>
    public static int MaxLanes(CompiledNetwork network) =>
        Array.MaxLength / Math.Max(1, Math.Max(network.PipeCount, Math.Max(network.NodeCount, network.LinkCount)));

    /// <summary>
    /// Most lanes whose batch arrays fit in <paramref name="memoryBytes"/> (and in .NET arrays): at least 1.
    /// A 20,000-junction network takes about 1.3 MB per lane, so a 16,384-lane batch of it would need 21 GB.
    /// </summary>
    public static int MaxLanes(CompiledNetwork network, long memoryBytes) =>
        (int)Math.Clamp(memoryBytes / BytesPerLane(network), 1, MaxLanes(network));

    /// <summary>
    /// Host bytes one lane of a batch of <paramref name="network"/> takes: the inputs (diameter, roughness, demand,
    /// fixed heads), the outputs (heads, flows, closed flags, emitter outflows, delivered demands) and the per-lane status words.
    /// </summary>
    public static long BytesPerLane(CompiledNetwork network) =>
        sizeof(double) * (2L * network.PipeCount + network.JunctionCount + network.FixedCount + network.NodeCount + network.LinkCount)
        + sizeof(double) * network.PumpCount + 2L * network.LinkCount + sizeof(byte) + sizeof(int) + sizeof(double)
        + (network.EmitterCount > 0 ? sizeof(double) * (long)network.JunctionCount : 0)
        + (network.PressureDriven ? sizeof(double) * (long)network.JunctionCount : 0);

    /// <summary>
    /// Bytes this process may still take for new batches: a share <paramref name="fraction"/> of what the GC reports
    /// available (physical memory or the container's limit) less what the managed heap holds now.
    /// </summary>
    public static long AvailableMemory(double fraction = 0.5)
    {
        var info = GC.GetGCMemoryInfo();
        return Math.Max(0, (long)(info.TotalAvailableMemoryBytes * fraction) - GC.GetTotalMemory(false));
    }

    public HydraulicBatch(CompiledNetwork network, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxLanes(network));
        Network = network;
        Count = count;
        _activeLanes = count;
        Diameter = new double[network.PipeCount * count];
        Roughness = new double[network.PipeCount * count];
        Demand = new double[network.JunctionCount * count];
        FixedHead = new double[network.FixedCount * count];
        Head = new double[network.NodeCount * count];
        Flow = new double[network.LinkCount * count];
        Closed = new byte[network.LinkCount * count];
        EmitterFlow = new double[network.EmitterCount > 0 ? network.JunctionCount * count : 0];
        DemandFlow = new double[network.PressureDriven ? network.JunctionCount * count : 0];
        ValveStatus = new byte[network.ValveCount * count];
        LinkState = new byte[network.LinkCount * count];
        PumpSpeed = new double[network.PumpCount * count];
        for (int p = 0; p < network.PumpCount; p++) PumpSpeed.AsSpan(p * count, count).Fill(network.PumpSpeed[p]);
        Status = new LaneStatus[count];
        Iterations = new int[count];
        RelativeError = new double[count];
        for (int i = 0; i < network.PipeCount; i++)
        {
            Diameter.AsSpan(i * count, count).Fill(network.BaseDiameter[i]);
            Roughness.AsSpan(i * count, count).Fill(network.BaseRoughness[i]);
        }
        for (int f = 0; f < network.FixedCount; f++) FixedHead.AsSpan(f * count, count).Fill(network.BaseFixedHead[f]);
        for (int i = 0; i < network.LinkCount; i++)
        {
            if (network.TimeZeroLinkState[i] != 0) LinkState.AsSpan(i * count, count).Fill(network.TimeZeroLinkState[i]);
        }
        for (int lane = 0; lane < count; lane++) SetDemandCase(lane, 0);
    }

    /// <summary>Sets lane <paramref name="lane"/>'s demands to demand case <paramref name="caseIndex"/> of the network.</summary>
    public void SetDemandCase(int lane, int caseIndex)
    {
        var d = Network.CaseDemand[caseIndex];
        for (int j = 0; j < d.Length; j++) Demand[j * Count + lane] = d[j];
    }

    /// <summary>
    /// Sets lane <paramref name="lane"/>'s inputs to <paramref name="source"/>'s own values (diameters, roughness,
    /// fixed heads, demand case 0), for a network of the same structure (<see cref="NetworkStructure.Same"/>): the lane
    /// then solves <paramref name="source"/> as a batch of its own would.
    /// </summary>
    public void SetLaneInputs(int lane, CompiledNetwork source)
    {
        if (!NetworkStructure.Same(Network, source))
            throw new ArgumentException("the network differs from the batch's in more than per-lane inputs", nameof(source));
        for (int i = 0; i < Network.PipeCount; i++)
        {
            Diameter[i * Count + lane] = source.BaseDiameter[i];
            Roughness[i * Count + lane] = source.BaseRoughness[i];
        }
        for (int f = 0; f < Network.FixedCount; f++) FixedHead[f * Count + lane] = source.BaseFixedHead[f];
        for (int p = 0; p < Network.PumpCount; p++) PumpSpeed[p * Count + lane] = source.PumpSpeed[p];
        for (int i = 0; i < Network.LinkCount; i++) LinkState[i * Count + lane] = source.TimeZeroLinkState[i];
        var d = source.CaseDemand[0];
        for (int j = 0; j < d.Length; j++) Demand[j * Count + lane] = d[j];
    }

    /// <summary>Sets the diameter (and optionally roughness) of pipe <paramref name="pipe"/> in lane <paramref name="lane"/>.</summary>
    public void SetPipe(int lane, int pipe, double diameter, double? roughness = null)
    {
        Diameter[pipe * Count + lane] = diameter;
        if (roughness is { } c) Roughness[pipe * Count + lane] = c;
    }

    /// <summary>
    /// What junction <paramref name="junction"/> of lane <paramref name="lane"/> delivers (m³/s), emitter aside: its
    /// <see cref="Demand"/>, or under pressure-driven demand its <see cref="DemandFlow"/>.
    /// </summary>
    public double DeliveredDemand(int junction, int lane) => (DemandFlow.Length > 0 ? DemandFlow : Demand)[junction * Count + lane];

    /// <summary>Pressure head (m) of junction <paramref name="junction"/> in lane <paramref name="lane"/>: head − elevation.</summary>
    public double Pressure(int junction, int lane) => Head[junction * Count + lane] - Network.Elevation[junction];
}
