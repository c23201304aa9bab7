using ILGPU;
using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Problems;

namespace WdnAccel.Kernels.Ilgpu;

/// <summary>
/// The hydraulic kernels, one GPU thread per lane: the batched GGA (<see cref="GgaLaneSolver"/>, the same C# the
/// scalar oracle runs, with <see cref="DeviceMath"/>'s pow and log) and the pipe-sizing limits pass on the heads and
/// flows the GGA left on the device.
/// </summary>
public static class HydraulicKernels
{
    /// <summary>The GGA for networks without controls on junction pressure, emitters or pressure-driven demand.</summary>
    public static void Gga(Index1D index, DeviceGgaNetwork network, DeviceGgaLanes lanes)
    {
        if (index >= lanes.Active) return;
        GgaLaneSolver.Solve<DeviceGgaNetwork, DeviceGgaLane, DeviceMath, GgaExtras.Off>(network, new DeviceGgaLane(lanes, index));
    }

    /// <summary>
    /// The whole GGA: the network's controls on junction pressure checked each time a lane converges (EPANET pswitch), its
    /// emitters and pressure-driven demands solved with the flows (EPANET emittercoeffs/newemitterflows,
    /// demandcoeffs/newdemandflows, pdaconverged).
    /// </summary>
    public static void GgaFull(Index1D index, DeviceGgaNetwork network, DeviceGgaLanes lanes)
    {
        if (index >= lanes.Active) return;
        GgaLaneSolver.Solve<DeviceGgaNetwork, DeviceGgaLane, DeviceMath, GgaExtras.On>(network, new DeviceGgaLane(lanes, index));
    }

    /// <summary>
    /// The same GGA with its Newton steps in loop-flow form (<see cref="LoopLaneSolver"/>) for pipes-only networks with
    /// a loop basis; a lane that the form does not suit (a pipe not laid, zero roughness) takes the junction GGA in its
    /// own thread.
    /// </summary>
    public static void GgaLoops(Index1D index, DeviceGgaNetwork network, DeviceLoopTables loops, DeviceGgaLanes lanes)
    {
        if (index >= lanes.Active) return;
        LoopLaneSolver.Solve<DeviceGgaNetwork, DeviceLoopTables, DeviceGgaLane, DeviceMath>(network, loops, new DeviceGgaLane(lanes, index));
    }

    /// <summary>
    /// <see cref="GgaLoops"/> with each lane's per-trial scratch in its group's dynamic shared memory
    /// (<see cref="SharedScratchLane"/>, laid out by <paramref name="scratch"/>): explicitly grouped, one lane per
    /// thread, no barriers (a thread touches only its own slots).
    /// </summary>
    public static void GgaLoopsShared(DeviceGgaNetwork network, DeviceLoopTables loops, DeviceGgaLanes lanes, DeviceSharedScratch scratch)
    {
        var shared = SharedMemory.GetDynamic<double>();
        int lane = Grid.GlobalIndex.X;
        if (lane >= lanes.Active) return;
        var scratchLane = new SharedScratchLane(lanes, lane, shared, scratch, Group.IdxX, Group.DimX);
        LoopLaneSolver.Solve<DeviceGgaNetwork, DeviceLoopTables, SharedScratchLane, DeviceMath>(network, loops, scratchLane);
    }

    /// <summary>
    /// One thread per (junction, lane) of lanes [0, <paramref name="lanesToCompare"/>): sets
    /// <c>lanes.DemandsDiffer[0]</c> (zeroed before) where the lane's demand differs from lane 0's in any bit. Every
    /// writer writes the same 1, so the race is harmless.
    /// </summary>
    public static void CompareDemands(Index1D index, DeviceGgaLanes lanes, int lanesToCompare)
    {
        int junction = index / lanesToCompare, lane = index - junction * lanesToCompare;
        int row = junction * lanes.Count;
        if (BitConverter.DoubleToInt64Bits(lanes.Demand[row + lane]) != BitConverter.DoubleToInt64Bits(lanes.Demand[row])) lanes.DemandsDiffer[0] = 1;
    }

    /// <summary>
    /// One thread: where the lanes compared share their demands, their forest flows into <c>lanes.SharedForest</c>
    /// (<see cref="LoopLaneSolver.ForestFlows"/>, the lanes' own arithmetic), so each lane reads them instead of
    /// building its own.
    /// </summary>
    public static void SharedForest(Index1D index, DeviceLoopTables loops, DeviceGgaLanes lanes, int junctions, int links)
    {
        if (index != 0 || lanes.DemandsDiffer[0] != 0) return;
        LoopLaneSolver.ForestFlows(loops, new DeviceSharedForest(lanes), junctions, links);
    }

    /// <summary>
    /// One thread per design: draws design First + index from its own stream (<see cref="RandomDesignStream"/>, the
    /// host's draw) and writes its catalog diameters (and per-size roughness) into the lanes of each of its cases.
    /// </summary>
    public static void DrawDesigns(Index1D index, DeviceDesignDraw draw, DeviceGgaLanes lanes)
    {
        if (index >= draw.Count) return;
        var stream = new RandomDesignStream(draw.Seed, draw.First + index);
        int k = lanes.Count;
        for (int j = 0; j < draw.Decisions; j++)
        {
            int option = stream.NextInt(draw.Options);
            int at = draw.DecisionPipe[j] * k + index * draw.Cases;
            double d = draw.Diameter[option];
            for (int c = 0; c < draw.Cases; c++) lanes.Diameter[at + c] = d;
            if (draw.Resistance.Length > 0)
            {
                double resistance = draw.Resistance[j * draw.Options + option];
                for (int c = 0; c < draw.Cases; c++) lanes.Resistance[at + c] = resistance;
            }
            if (draw.HasRoughness == 0) continue;
            double r = draw.Roughness[j * draw.Options + option];
            for (int c = 0; c < draw.Cases; c++) lanes.Roughness[at + c] = r;
        }
    }

    /// <summary>
    /// One thread per (decision, option) of the random-design catalog: the decision pipe's resistance at that option
    /// (<see cref="LinkFormulas.PipeResistance{TMath}"/>, the solver's own), with the option's
    /// roughness or else the pipe's own (lane 0's: every lane holds the same, which the session checks).
    /// </summary>
    public static void DesignResistances(Index1D index, DeviceDesignDraw draw, DeviceGgaNetwork network, DeviceGgaLanes lanes)
    {
        if (index >= draw.Decisions * draw.Options) return;
        int j = index / draw.Options, option = index - j * draw.Options, pipe = draw.DecisionPipe[j];
        double roughness = draw.HasRoughness != 0 ? draw.Roughness[index] : lanes.Roughness[pipe * lanes.Count];
        draw.Resistance[index] = LinkFormulas.PipeResistance<DeviceMath>(network.HeadLossFormula, network.Omega, network.Length(pipe), draw.Diameter[option], roughness);
    }

    /// <summary>
    /// One thread per (pipe, lane): the pipe's resistance from the lane's diameter and roughness, as the loop-flow
    /// solver computes it, for lanes whose resistances are then given (<see cref="DeviceGgaLanes.ResistancesGiven"/>):
    /// the pipes a random design does not decide keep theirs from here.
    /// </summary>
    public static void LaneResistances(Index1D index, DeviceGgaNetwork network, DeviceGgaLanes lanes)
    {
        int pipe = index / lanes.Count;
        if (pipe >= network.PipeCount) return;
        lanes.Resistance[index] = LinkFormulas.PipeResistance<DeviceMath>(network.HeadLossFormula, network.Omega, network.Length(pipe), lanes.Diameter[index], lanes.Roughness[index]);
    }

    /// <summary>
    /// Per lane: smallest pressure/head margin and summed violation, with <see cref="DesignFeasibility.JunctionTerms"/>
    /// and <see cref="DesignFeasibility.VelocityTerms"/>, the scalar reference's own arithmetic, in its order.
    /// </summary>
    public static void DesignLimits(Index1D index, DeviceDesignLimits limits, DeviceGgaLanes lanes, ArrayView<double> margin, ArrayView<double> violation)
    {
        if (index >= lanes.Active) return;
        int k = lanes.Count;
        if (lanes.Status[index] != (byte)LaneStatus.Converged)
        {
            margin[index] = double.NegativeInfinity;
            violation[index] = double.PositiveInfinity;
            return;
        }
        double m = double.PositiveInfinity, v = 0;
        for (int j = 0; j < limits.Junctions; j++)
        {
            DesignFeasibility.JunctionTerms(lanes.Head[j * k + index], limits.Elevation[j], limits.MinPressure[j], limits.MaxPressure[j], limits.MinHead[j], ref m, ref v);
        }
        if (limits.CheckVelocity != 0)
        {
            for (int i = 0; i < limits.Pipes; i++)
            {
                int at = i * k + index;
                DesignFeasibility.VelocityTerms(lanes.Diameter[at], lanes.Flow[at], lanes.Closed[at] != 0, limits.MinVelocity, limits.MaxVelocity, ref v);
            }
        }
        margin[index] = m;
        violation[index] = v;
    }
}
