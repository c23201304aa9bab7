using ILGPU;
using ILGPU.Runtime;
using WdnAccel.Core.Compute;
using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Model;
using WdnAccel.Core.Problems;
using WdnAccel.Kernels.Simd;

namespace WdnAccel.Kernels.Ilgpu;

/// <summary>
/// A hydraulic session on an ILGPU accelerator for one (network, K): the network's tables uploaded once, every
/// per-lane buffer (the limits kernel's tables and results included), and the loaded kernels (GGA, limits, and the
/// ones named below), all owned here and freed by <see cref="Dispose"/>. A solve sends the six input arrays (and, for a warm start, the flows and closed flags) and brings back the active
/// lanes' statuses and trial counts, plus heads, flows and closed flags when the batch asks for outputs on the host;
/// the limits kernel then reads the heads where they are. The inputs go up whole every time: comparing them with a
/// host copy of the last upload (what the retired OpenCL backend did) reads twice the bytes that the upload sends,
/// and was measured on an H200 host to cost more than the transfer at a million lanes. Nothing is shared with other
/// sessions. Where the network has a loop basis that pays (<see cref="LoopBasis.WherePaying"/>) the session runs the
/// loop-flow kernel (<see cref="HydraulicKernels.GgaLoops"/>, or <see cref="HydraulicKernels.GgaLoopsShared"/> with the
/// per-trial scratch in each group's shared memory: <see cref="GgaScratchMemory"/>) and owns its tables and per-lane scratch as well; each
/// upload then compares the lanes' demands on the device and, where they are the same (one demand case), fills one
/// forest-flow table that every lane reads (<see cref="HydraulicKernels.SharedForest"/>).
/// </summary>
public sealed class IlgpuHydraulicSession : IRandomDesignSession
{
    private readonly Accelerator _accelerator;
    private readonly List<MemoryBuffer> _owned = [];
    /// <summary>The random-design catalog and limits of the last <see cref="LoadRandomDesignLanes"/>, freed by the next load.</summary>
    private readonly List<MemoryBuffer> _drawOwned = [];
    private Action<Index1D, DeviceDesignDraw, DeviceGgaLanes>? _draw;
    private Action<Index1D, DeviceDesignDraw, DeviceGgaNetwork, DeviceGgaLanes>? _designResistances;
    private Action<Index1D, DeviceGgaNetwork, DeviceGgaLanes>? _laneResistances;
    /// <summary>True from <see cref="LoadRandomDesignLanes"/> until a <see cref="Solve"/> replaces the lanes' inputs.</summary>
    private bool _designsLoaded;
    private DeviceDesignDraw _drawTable;
    private DeviceDesignLimits _drawLimits;
    private readonly DeviceGgaNetwork _network;
    private readonly DeviceGgaLanes _lanes;
    private readonly Action<Index1D, DeviceGgaNetwork, DeviceGgaLanes>? _gga;
    private readonly DeviceLoopTables _loopTables;
    private readonly Action<Index1D, DeviceGgaNetwork, DeviceLoopTables, DeviceGgaLanes>? _ggaLoops;
    private readonly Action<KernelConfig, DeviceGgaNetwork, DeviceLoopTables, DeviceGgaLanes, DeviceSharedScratch>? _ggaLoopsShared;
    private readonly DeviceSharedScratch _sharedScratch;
    private readonly Action<Index1D, DeviceDesignLimits, DeviceGgaLanes, ArrayView<double>, ArrayView<double>> _limits;
    private readonly byte[] _status;
    private readonly ArrayView<double> _elevation, _minPressure, _maxPressure, _minHead, _margin, _violation;
    /// <summary>True while the device holds the outputs of the last solve that the host does not (OutputsToHost false).</summary>
    private bool _outputsOnDeviceOnly;
    private bool _warmStart;
    /// <summary>
    /// Lanes per thread group whose scratch a session of <paramref name="network"/> in loop-flow form with
    /// <paramref name="loops"/> keeps in shared memory when asked for <paramref name="scratch"/>: 0 (device memory) over
    /// the junctions, with device scratch asked, or where not one warp's fits. The one place that decides it, so that a
    /// report or the device check knows a session's kernel without opening one.
    /// </summary>
    public static int SharedScratchLanes(Accelerator accelerator, CompiledNetwork network, LoopBasis? loops, GgaScratchMemory scratch) =>
        loops is null || scratch != GgaScratchMemory.Shared ? 0 : DeviceSharedScratch.For(network.LinkCount, loops.LoopCount).LanesPerGroup(accelerator);

    /// <summary>Lanes [0, this) of the last upload were compared for shared demands (loop-flow form only).</summary>
    private int _forestComparedLanes;
    private readonly Action<Index1D, DeviceGgaLanes, int>? _compareDemands;
    private readonly Action<Index1D, DeviceLoopTables, DeviceGgaLanes, int, int>? _sharedForest;

    /// <param name="loopFlows">When the kernel takes the GGA's Newton steps in loop-flow form.</param>
    /// <param name="scratch">
    /// Where the loop-flow kernel keeps a lane's per-trial scratch; <see cref="GgaScratchMemory.Shared"/> falls back to
    /// device memory where not one warp's scratch fits in a group's shared memory (<see cref="SharedScratchLanesPerGroup"/> is then 0).
    /// </param>
    public IlgpuHydraulicSession(Accelerator accelerator, CompiledNetwork network, int lanes, LoopFlowMode loopFlows = LoopFlowMode.Auto, GgaScratchMemory scratch = GgaScratchMemory.Device)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        var loops = LoopBasis.WherePaying(network, loopFlows);
        int loopFactor = loops is null ? 0 : loops.LoopCount * (loops.LoopCount + 1) / 2;
        long largest = (long)Math.Max(Math.Max(network.FactorSize, loopFactor), Math.Max(network.NodeCount, network.LinkCount)) * lanes;
        if (largest > int.MaxValue)
            throw new InsufficientMemoryException($"a device batch of {lanes:N0} lanes of this network needs arrays of {largest:N0} elements; the GPU kernels index up to 2³¹: reduce --batch or --population");
        _accelerator = accelerator;
        Network = network;
        Lanes = lanes;
        Loops = loops;
        SharedScratchLanesPerGroup = SharedScratchLanes(accelerator, network, loops, scratch);
        if (SharedScratchLanesPerGroup > 0) _sharedScratch = DeviceSharedScratch.For(network.LinkCount, loops!.LoopCount);
        // Scratch in shared memory needs no per-lane arrays for it in device memory.
        long loopScratchLanes = SharedScratchLanesPerGroup > 0 ? 0 : lanes;
        try
        {
            _network = UploadNetwork(network);
            long k = lanes;
            _lanes = new DeviceGgaLanes
            {
                Count = lanes,
                Active = lanes,
                Diameter = Allocate<double>(network.PipeCount * k),
                Roughness = Allocate<double>(network.PipeCount * k),
                Demand = Allocate<double>(network.JunctionCount * k),
                FixedHead = Allocate<double>(network.FixedCount * k),
                PumpSpeed = Allocate<double>(network.PumpCount * k),
                LinkState = Allocate<byte>(network.LinkCount * k),
                Head = Allocate<double>(network.NodeCount * k),
                Flow = Allocate<double>(network.LinkCount * k),
                Closed = Allocate<byte>(network.LinkCount * k),
                ValveStatus = Allocate<byte>(network.ValveCount * k),
                EmitterFlow = Allocate<double>(network.EmitterCount > 0 ? network.JunctionCount * k : 0),
                DemandFlow = Allocate<double>(network.PressureDriven ? network.JunctionCount * k : 0),
                Status = Allocate<byte>(k),
                Iterations = Allocate<int>(k),
                RelativeError = Allocate<double>(k),
                Resistance = Allocate<double>(network.PipeCount * k),
                MinorCoefficient = Allocate<double>(network.PipeCount * k),
                P = Allocate<double>(network.LinkCount * k),
                Y = Allocate<double>(network.LinkCount * k),
                Factor = Allocate<double>(network.FactorSize * k),
                Rhs = Allocate<double>(network.JunctionCount * k),
                Work = Allocate<double>(network.JunctionCount * k),
                Grounding = Allocate<double>(network.JunctionCount * k),
                LoopQ = Allocate<double>(loops is null ? 0 : network.LinkCount * loopScratchLanes),
                ForestFlow = Allocate<double>(loops is null ? 0 : network.LinkCount * k),
                LoopFactor = Allocate<double>(loopFactor * loopScratchLanes),
                LoopFlow = Allocate<double>((loops?.LoopCount ?? 0) * loopScratchLanes),
                LoopPivot = Allocate<double>((loops?.LoopCount ?? 0) * loopScratchLanes),
                DemandsDiffer = Allocate<int>(loops is null ? 0 : 1),
                SharedForest = Allocate<double>(loops is null ? 0 : network.LinkCount),
            };
            _elevation = Upload(network.Elevation);
            _minPressure = Allocate<double>(network.JunctionCount);
            _maxPressure = Allocate<double>(network.JunctionCount);
            _minHead = Allocate<double>(network.JunctionCount);
            _margin = Allocate<double>(k);
            _violation = Allocate<double>(k);
            if (loops is null)
            {
                _gga = accelerator.LoadAutoGroupedStreamKernel<Index1D, DeviceGgaNetwork, DeviceGgaLanes>(
                    network.NeedsGgaExtras ? HydraulicKernels.GgaFull : HydraulicKernels.Gga);
            }
            else
            {
                _loopTables = UploadLoops(loops);
                if (SharedScratchLanesPerGroup > 0)
                    _ggaLoopsShared = accelerator.LoadStreamKernel<DeviceGgaNetwork, DeviceLoopTables, DeviceGgaLanes, DeviceSharedScratch>(HydraulicKernels.GgaLoopsShared);
                else _ggaLoops = accelerator.LoadAutoGroupedStreamKernel<Index1D, DeviceGgaNetwork, DeviceLoopTables, DeviceGgaLanes>(HydraulicKernels.GgaLoops);
                _compareDemands = accelerator.LoadAutoGroupedStreamKernel<Index1D, DeviceGgaLanes, int>(HydraulicKernels.CompareDemands);
                _sharedForest = accelerator.LoadAutoGroupedStreamKernel<Index1D, DeviceLoopTables, DeviceGgaLanes, int, int>(HydraulicKernels.SharedForest);
            }
            _limits = accelerator.LoadAutoGroupedStreamKernel<Index1D, DeviceDesignLimits, DeviceGgaLanes, ArrayView<double>, ArrayView<double>>(HydraulicKernels.DesignLimits);
        }
        catch (Exception e) when (e is ILGPU.Runtime.AcceleratorException or OutOfMemoryException)
        {
            Dispose();
            throw new InsufficientMemoryException($"the device cannot hold a hydraulic batch of {lanes:N0} lanes of this network ({e.Message}); reduce --batch or --population", e);
        }
        _status = new byte[lanes];
    }

    public CompiledNetwork Network { get; }
    public int Lanes { get; }

    /// <summary>The loop basis the kernel steps with, or null when it steps over the junctions.</summary>
    public LoopBasis? Loops { get; }

    /// <summary>
    /// Lanes per thread group of the loop-flow kernel with its scratch in shared memory
    /// (<see cref="HydraulicKernels.GgaLoopsShared"/>); 0 where the scratch is in device memory.
    /// </summary>
    public int SharedScratchLanesPerGroup { get; }

    /// <summary>Whether random-design solves read the lanes' resistances as given (loaded designs in loop-flow form) instead of computing them (tests).</summary>
    internal bool ReadsGivenResistances => _designsLoaded && _drawTable.Resistance.Length > 0;

    /// <summary>How this session's kernel steps, for reports.</summary>
    public string Method => IlgpuBackend.HydraulicMethod(Loops, SharedScratchLanesPerGroup);

    /// <summary>
    /// Whether the lanes of the last upload share their demands, so that the loop-flow kernel reads forest flows
    /// computed once on the device (<see cref="HydraulicKernels.SharedForest"/>) instead of building its own per lane.
    /// Reads a flag back from the device.
    /// </summary>
    internal bool SharesForestFlows
    {
        get
        {
            if (_forestComparedLanes == 0) return false;
            var flag = new int[1];
            _lanes.DemandsDiffer.CopyToCPU(flag);
            return flag[0] == 0;
        }
    }

    /// <summary>The lanes' own forest flows as the device holds them (tests: they stay untouched while lanes share theirs).</summary>
    internal double[] LaneForestFlows()
    {
        var flows = new double[_lanes.ForestFlow.Length];
        if (flows.Length > 0) _lanes.ForestFlow.CopyToCPU(flows);
        return flows;
    }

    public void Solve(HydraulicBatch batch)
    {
        _designsLoaded = false; // this batch's inputs replace the loaded random-design lanes
        HydraulicSessions.RequireShape(this, batch);
        UploadInputs(batch, batch.ActiveLanes);
        if (batch.WarmStart)
        {
            // The starting point is the host's: flows and closed flags as the caller left or wrote them.
            Upload(batch.Flow, _lanes.Flow);
            if (batch.Closed.Length > 0) _lanes.Closed.CopyFromCPU(batch.Closed);
            Upload(batch.EmitterFlow, _lanes.EmitterFlow);
        }
        _warmStart = batch.WarmStart;
        int active = batch.ActiveLanes;
        SolveResident(active);
        if (active > 0)
        {
            _lanes.Status.SubView(0, active).CopyToCPU(_status.AsSpan(0, active));
            for (int lane = 0; lane < active; lane++) batch.Status[lane] = (LaneStatus)_status[lane];
            _lanes.Iterations.SubView(0, active).CopyToCPU(batch.Iterations.AsSpan(0, active));
        }
        if (batch.OutputsToHost) CopyOutputs(batch);
        _outputsOnDeviceOnly = !batch.OutputsToHost;
    }

    /// <summary>
    /// Runs the GGA kernel on lanes [0, <paramref name="activeLanes"/>) of the inputs already on the device and waits
    /// for it: the kernel alone, without transfers (the device check times it so).
    /// </summary>
    public void SolveResident(int activeLanes) => SolveResident(activeLanes, resistancesGiven: false);

    /// <param name="resistancesGiven">The lanes' resistances are already on the device (random designs: <see cref="LoadRandomDesignLanes"/>).</param>
    private void SolveResident(int activeLanes, bool resistancesGiven)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(activeLanes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(activeLanes, Lanes);
        var lanes = _lanes with
        {
            Active = activeLanes,
            WarmStart = _warmStart ? 1 : 0,
            ForestShareable = activeLanes <= _forestComparedLanes ? 1 : 0,
            ResistancesGiven = resistancesGiven ? 1 : 0,
        };
        if (activeLanes > 0 && _ggaLoopsShared is not null)
        {
            int g = SharedScratchLanesPerGroup;
            var config = new KernelConfig((activeLanes + g - 1) / g, g, SharedMemoryConfig.RequestDynamic<double>(g * _sharedScratch.Slots));
            _ggaLoopsShared(config, _network, _loopTables, lanes, _sharedScratch);
        }
        else if (activeLanes > 0 && _ggaLoops is not null) _ggaLoops(activeLanes, _network, _loopTables, lanes);
        else if (activeLanes > 0) _gga!(activeLanes, _network, lanes);
        _accelerator.Synchronize();
    }

    /// <summary>
    /// The limits kernel on the device when the limits do not depend on the demand case (the usual design block);
    /// otherwise the host SIMD kernel, after fetching the outputs if they are still on the device.
    /// </summary>
    public void EvaluateDesignLimits(HydraulicBatch batch, DesignFeasibility limits, ReadOnlySpan<int> caseOfLane, Span<double> margin, Span<double> violation)
    {
        HydraulicSessions.RequireShape(this, batch);
        if (!limits.CaseIndependent)
        {
            if (_outputsOnDeviceOnly) CopyOutputs(batch);
            _outputsOnDeviceOnly = false;
            DesignLimitsKernel.Evaluate(batch, limits, caseOfLane, margin, violation);
            return;
        }
        int active = batch.ActiveLanes;
        _minPressure.CopyFromCPU(limits.MinPressure[0]);
        _maxPressure.CopyFromCPU(limits.MaxPressure);
        _minHead.CopyFromCPU(limits.MinHead);
        RunLimits(LimitsTable(limits, _minPressure, _maxPressure, _minHead), active, margin, violation);
    }

    /// <inheritdoc />
    public void LoadRandomDesignLanes(HydraulicBatch lanes, int cases, RandomDesignCatalog catalog, DesignFeasibility limits)
    {
        HydraulicSessions.RequireShape(this, lanes);
        ArgumentOutOfRangeException.ThrowIfLessThan(cases, 1);
        if (!limits.CaseIndependent) throw new ArgumentException("the device checks random designs against limits that are the same in every demand case", nameof(limits));
        // The loop-flow kernel reads the lanes' resistances instead of taking two powers per pipe per solve: the
        // draw writes each decision's from a table of one per catalog option, and the other pipes keep theirs from here.
        bool resistancesGiven = Loops is not null;
        if (resistancesGiven && catalog.Roughness is null) RequireSameRoughness(lanes, catalog.DecisionPipes);
        // From here the previous load's tables are gone: refused until this one completes.
        _designsLoaded = false;
        UploadInputs(lanes, lanes.Count);
        _warmStart = false;
        foreach (var buffer in _drawOwned) buffer.Dispose();
        _drawOwned.Clear();
        _drawTable = new DeviceDesignDraw
        {
            Cases = cases,
            Decisions = catalog.DecisionPipes.Length,
            Options = catalog.Options,
            HasRoughness = catalog.Roughness is null ? 0 : 1,
            DecisionPipe = Upload(catalog.DecisionPipes, _drawOwned),
            Diameter = Upload(catalog.Diameter, _drawOwned),
            Roughness = Upload(catalog.Roughness ?? [], _drawOwned),
            Resistance = Allocate<double>(resistancesGiven ? (long)catalog.DecisionPipes.Length * catalog.Options : 0, _drawOwned),
        };
        _drawLimits = LimitsTable(limits, Upload(limits.MinPressure[0], _drawOwned), Upload(limits.MaxPressure.ToArray(), _drawOwned), Upload(limits.MinHead.ToArray(), _drawOwned));
        _draw ??= _accelerator.LoadAutoGroupedStreamKernel<Index1D, DeviceDesignDraw, DeviceGgaLanes>(HydraulicKernels.DrawDesigns);
        if (resistancesGiven)
        {
            _designResistances ??= _accelerator.LoadAutoGroupedStreamKernel<Index1D, DeviceDesignDraw, DeviceGgaNetwork, DeviceGgaLanes>(HydraulicKernels.DesignResistances);
            _laneResistances ??= _accelerator.LoadAutoGroupedStreamKernel<Index1D, DeviceGgaNetwork, DeviceGgaLanes>(HydraulicKernels.LaneResistances);
            if (_drawTable.Resistance.Length > 0) _designResistances(_drawTable.Decisions * _drawTable.Options, _drawTable, _network, _lanes);
            if (Network.PipeCount > 0) _laneResistances(Network.PipeCount * Lanes, _network, _lanes);
        }
        _designsLoaded = true;
    }

    /// <summary>
    /// Where the catalog leaves roughness to the pipe, a decision's resistance per option is computed from lane 0's
    /// roughness: every lane must hold the same (as <see cref="Core.Problems.RandomDesignThroughput"/> builds them).
    /// </summary>
    private static void RequireSameRoughness(HydraulicBatch lanes, int[] decisionPipes)
    {
        int k = lanes.Count;
        foreach (int pipe in decisionPipes)
        {
            var row = lanes.Roughness.AsSpan(pipe * k, k);
            if (row.IndexOfAnyExcept(row[0]) is int lane and >= 0)
                throw new ArgumentException($"random-design lanes must share each decision pipe's roughness where the catalog sets none: pipe {pipe} has {row[0]:R} in lane 0 and {row[lane]:R} in lane {lane}", nameof(lanes));
        }
    }

    /// <inheritdoc />
    public void SolveRandomDesigns(int seed, long first, int count, Span<double> margin, Span<double> violation)
    {
        if (!_designsLoaded) throw new InvalidOperationException("LoadRandomDesignLanes comes before SolveRandomDesigns, and again after a Solve");
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        int active = count * _drawTable.Cases;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(active, Lanes);
        if (count == 0) return;
        _draw!(count, _drawTable with { Seed = seed, First = first, Count = count }, _lanes);
        SolveResident(active, ReadsGivenResistances);
        RunLimits(_drawLimits, active, margin, violation);
        _outputsOnDeviceOnly = true;
    }

    private DeviceDesignLimits LimitsTable(DesignFeasibility limits, ArrayView<double> minPressure, ArrayView<double> maxPressure, ArrayView<double> minHead) => new()
    {
        Junctions = Network.JunctionCount,
        Pipes = Network.PipeCount,
        CheckVelocity = limits.MinVelocity is not null || limits.MaxVelocity is not null ? 1 : 0,
        MinVelocity = limits.MinVelocity ?? 0,
        MaxVelocity = limits.MaxVelocity ?? double.PositiveInfinity,
        Elevation = _elevation,
        MinPressure = minPressure,
        MaxPressure = maxPressure,
        MinHead = minHead,
    };

    private void RunLimits(DeviceDesignLimits table, int active, Span<double> margin, Span<double> violation)
    {
        if (active == 0) return;
        _limits(active, table, _lanes with { Active = active }, _margin, _violation);
        _accelerator.Synchronize();
        _margin.SubView(0, active).CopyToCPU(margin[..active]);
        _violation.SubView(0, active).CopyToCPU(violation[..active]);
    }

    /// <summary>
    /// The six input arrays of <paramref name="batch"/>, whole; in loop-flow form, also the forest flows where lanes
    /// [0, <paramref name="lanesToRun"/>) share their demands.
    /// </summary>
    private void UploadInputs(HydraulicBatch batch, int lanesToRun)
    {
        Upload(batch.Diameter, _lanes.Diameter);
        Upload(batch.Roughness, _lanes.Roughness);
        Upload(batch.Demand, _lanes.Demand);
        Upload(batch.FixedHead, _lanes.FixedHead);
        Upload(batch.PumpSpeed, _lanes.PumpSpeed);
        if (batch.LinkState.Length > 0) _lanes.LinkState.CopyFromCPU(batch.LinkState);
        _forestComparedLanes = 0;
        if (_sharedForest is not null && lanesToRun > 0)
        {
            // On the device: the comparison reads every lane's demands at the card's bandwidth, where the host would
            // take longer than the kernel it saves time in.
            _lanes.DemandsDiffer.MemSetToZero(); // on the stream: no host copy per upload
            _compareDemands!(Network.JunctionCount * lanesToRun, _lanes, lanesToRun);
            _sharedForest(1, _loopTables, _lanes, Network.JunctionCount, Network.LinkCount);
            _forestComparedLanes = lanesToRun;
        }
    }

    public void Dispose()
    {
        foreach (var buffer in _owned.Concat(_drawOwned)) buffer.Dispose();
        _owned.Clear();
        _drawOwned.Clear();
    }

    private void CopyOutputs(HydraulicBatch batch)
    {
        _lanes.Head.CopyToCPU(batch.Head);
        _lanes.Flow.CopyToCPU(batch.Flow);
        _lanes.Closed.CopyToCPU(batch.Closed);
        if (batch.ValveStatus.Length > 0) _lanes.ValveStatus.CopyToCPU(batch.ValveStatus);
        if (batch.EmitterFlow.Length > 0) _lanes.EmitterFlow.CopyToCPU(batch.EmitterFlow);
        if (batch.DemandFlow.Length > 0) _lanes.DemandFlow.CopyToCPU(batch.DemandFlow);
        _lanes.RelativeError.CopyToCPU(batch.RelativeError);
    }

    private static void Upload(double[] source, ArrayView<double> device)
    {
        if (source.Length > 0) device.CopyFromCPU(source);
    }

    private ArrayView<T> Allocate<T>(long length, List<MemoryBuffer>? owner = null) where T : unmanaged
    {
        var buffer = _accelerator.Allocate1D<T>(Math.Max(length, 1));
        (owner ?? _owned).Add(buffer);
        // Zeroed, as a new HydraulicBatch is: lanes past ActiveLanes come back as they were (pending, 0 trials).
        buffer.MemSetToZero();
        return buffer.View.SubView(0, length);
    }

    private ArrayView<T> Upload<T>(T[] values, List<MemoryBuffer>? owner = null) where T : unmanaged
    {
        var view = Allocate<T>(values.Length, owner);
        if (values.Length > 0) view.CopyFromCPU(values);
        return view;
    }

    private DeviceLoopTables UploadLoops(LoopBasis loops) => new()
    {
        Loops = loops.LoopCount,
        LinksOnLoops = loops.LinksOnLoops.Length,
        TreeOrderView = Upload(loops.TreeOrder),
        ParentLinkView = Upload(loops.ParentLink),
        ParentNodeView = Upload(loops.ParentNode),
        LinkFromParentView = Upload(loops.LinkFromParent.Select(f => f ? 1 : 0).ToArray()),
        LoopStartView = Upload(loops.LoopStart),
        LoopSplitView = Upload(loops.LoopSplit),
        LoopLinkView = Upload(loops.LoopLink),
        PairStartView = Upload(loops.PairStart),
        PairSplitView = Upload(loops.PairSplit),
        PairLinkView = Upload(loops.PairLink),
        LinkLoopStartView = Upload(loops.LinkLoopStart),
        LinkLoopView = Upload(loops.LinkLoop),
        StartFixedView = Upload(loops.StartFixed),
        EndFixedView = Upload(loops.EndFixed),
        LinksOnLoopsView = Upload(loops.LinksOnLoops),
    };

    private DeviceGgaNetwork UploadNetwork(CompiledNetwork net) => new()
    {
        Junctions = net.JunctionCount,
        Fixed = net.FixedCount,
        Pipes = net.PipeCount,
        Links = net.LinkCount,
        Trials = net.MaxTrials,
        CheckEvery = net.CheckFrequency,
        LastCheck = net.MaxCheck,
        DampLimitValue = net.DampLimit,
        HeadErrorValue = net.HeadError,
        FlowChangeValue = net.FlowChange,
        StatusLinks = net.StatusLinks.Length,
        OmegaValue = net.Omega,
        AccuracyValue = net.Accuracy,
        ViscosityValue = net.Viscosity,
        HeadLossFormula = net.HeadLoss,
        FromView = Upload(net.From),
        ToView = Upload(net.To),
        CodeView = Upload(net.LinkCodes),
        InitiallyClosedView = Upload(net.InitiallyClosed.Select(c => c ? 1 : 0).ToArray()),
        StartsAtZeroFlowView = Upload(net.StartsAtZeroFlow.Select(c => c ? 1 : 0).ToArray()),
        LinkEntryView = Upload(net.LinkEntry),
        PositionView = Upload(net.Position),
        ColumnStartView = Upload(net.ColumnStart),
        RowOfEntryView = Upload(net.RowOfEntry),
        RowStartView = Upload(net.RowStart),
        RowColumnView = Upload(net.RowColumn),
        RowEntryView = Upload(net.RowEntry),
        StatusLinkView = Upload(net.StatusLinks),
        LengthView = Upload(net.Length),
        MinorLossView = Upload(net.MinorLoss),
        ElevationView = Upload(net.Elevation),
        PumpH0View = Upload(net.PumpH0),
        PumpRView = Upload(net.PumpR),
        PumpNView = Upload(net.PumpN),
        PumpQ0View = Upload(net.PumpQ0),
        PumpSpeedView = Upload(net.PumpSpeed),
        PumpCurveStartView = Upload(net.PumpCurveStart),
        CurveFlowView = Upload(net.CurveFlow),
        CurveHeadView = Upload(net.CurveHead),
        PressureControls = net.PressureControlCount,
        Emitters = net.EmitterCount,
        EmitterExponentValue = net.EmitterExponent,
        EmitterResistanceView = Upload(net.EmitterResistance),
        PressureDrivenFlag = net.PressureDriven ? 1 : 0,
        PdaMinimumPressureValue = net.PdaMinimumPressure,
        PdaPressureRangeValue = net.PdaPressureRange,
        PdaExponentValue = net.PdaExponent,
        PressureNodeView = Upload(net.PressureControlNode),
        PressureLinkView = Upload(net.PressureControlLink),
        PressureHeadView = Upload(net.PressureControlHead),
        PressureBelowView = Upload(net.PressureControlBelow.Select(c => c ? 1 : 0).ToArray()),
        PressureOpensView = Upload(net.PressureControlOpens.Select(c => c ? 1 : 0).ToArray()),
        FirstValve = net.ValveStart,
        ValveSettingView = Upload(net.ValveSetting),
        ValveMinorLossView = Upload(net.ValveMinorLoss),
        ValveDiameterView = Upload(net.ValveDiameter),
        ValveStartsActiveView = Upload(net.ValveStartsActive.Select(c => c ? 1 : 0).ToArray()),
        ValveCurveStartView = Upload(net.ValveCurveStart),
        OrderView = Upload(net.Order),
    };
}
