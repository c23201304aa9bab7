using ILGPU;
using WdnAccel.Core.Hydraulics;

namespace WdnAccel.Kernels.Ilgpu;

/// <summary>
/// The hydraulic kernels, one GPU thread per lane: the batched GGA (<see cref="GgaLaneSolver"/>, the same C# the
/// scalar oracle runs, with <see cref="DeviceMath"/>'s pow and log) and the pipe-sizing limits pass on the heads and
/// flows the GGA left on the device.
/// </summary>
public static class HydraulicKernels
{
    public static void Gga(Index1D index, DeviceGgaNetwork network, DeviceGgaLanes lanes)
    {
        if (index >= lanes.Active) return;
        GgaLaneSolver.Solve<DeviceGgaNetwork, DeviceGgaLane, DeviceMath>(network, new DeviceGgaLane(lanes, index));
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
