using WdnAccel.Core.Hydraulics;

namespace WdnAccel.Core.Compute;

public partial interface IComputeBackend
{
    /// <summary>
    /// Opens a session that solves batches of <paramref name="lanes"/> lanes of <paramref name="network"/> (see
    /// <see cref="IHydraulicSession"/>). Callers that solve repeatedly (optimizers, random-design runs) hold one.
    /// </summary>
    IHydraulicSession OpenHydraulicSession(CompiledNetwork network, int lanes);

    /// <summary>
    /// Host threads this backend splits one batch over: more than 1 only for multi-threaded CPU backends. Callers
    /// with many independent batches (random-design runs) can instead run one whole pipeline per thread — drawing,
    /// loading, solving and scoring their own batches — on <see cref="OnOneThread"/>, with no serial step between solves.
    /// </summary>
    int HostThreads => 1;

    /// <summary>
    /// True for the CPU backends (scalar, SIMD), whose batches are best kept cache-sized; false for accelerators,
    /// which need large batches to fill the device.
    /// </summary>
    bool RunsOnHost => false;

    /// <summary>This backend solving each batch on the calling thread alone (itself when <see cref="HostThreads"/> is 1).</summary>
    IComputeBackend OnOneThread() => this;

    /// <summary>How this backend takes the GGA's Newton steps on <paramref name="network"/>, for reports.</summary>
    string HydraulicMethod(CompiledNetwork network) => "GGA over the junctions";

    /// <summary>
    /// Steady-state GGA snapshot of every lane of <paramref name="batch"/> (EPANET 2.2 semantics):
    /// reads Diameter/Roughness/Demand/FixedHead, writes Head/Flow/Closed/Status/Iterations/RelativeError.
    /// A lane that is singular or does not converge is flagged in <see cref="HydraulicBatch.Status"/>, never thrown.
    /// A one-off solve in a session of its own: every output comes back to the host.
    /// </summary>
    void SolveHydraulics(HydraulicBatch batch);
}
