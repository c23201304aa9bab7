using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Problems;

namespace WdnAccel.Core.Compute;

/// <summary>
/// A hydraulic session that draws random catalog designs where its lanes live (a GPU session), so that
/// `simulate --random-designs` sends no designs over the bus: a device thread per design runs
/// <see cref="RandomDesignStream"/>, the same draws as the host's. Explicit two-step use: <see cref="LoadRandomDesignLanes"/>
/// sends everything but the designs once, then each <see cref="SolveRandomDesigns"/> draws, solves and checks limits.
/// </summary>
public interface IRandomDesignSession : IHydraulicSession
{
    /// <summary>
    /// Sends <paramref name="lanes"/>' inputs (demands per case, fixed heads, the pipes that are not decisions), the
    /// catalog and the limits (which must not depend on the demand case: <see cref="DesignFeasibility.CaseIndependent"/>).
    /// Design g's case c is lane g × <paramref name="cases"/> + c. Later random-design solves use these until the next
    /// load; a <see cref="IHydraulicSession.Solve"/> in between replaces them, and the lanes must be loaded again.
    /// </summary>
    void LoadRandomDesignLanes(HydraulicBatch lanes, int cases, RandomDesignCatalog catalog, DesignFeasibility limits);

    /// <summary>
    /// Draws designs <paramref name="first"/> .. first + count − 1 of <paramref name="seed"/> into their lanes, solves
    /// them and evaluates the limits; each lane's smallest margin and summed violation (+∞ where it did not converge)
    /// come back as <see cref="IHydraulicSession.EvaluateDesignLimits"/> gives them.
    /// </summary>
    void SolveRandomDesigns(int seed, long first, int count, Span<double> margin, Span<double> violation);
}
