namespace WdnAccel.Core.Hydraulics;

/// <summary>Outcome of one lane (candidate × demand case) of a batched solve. Only <see cref="Converged"/> may be scored.</summary>
public enum LaneStatus : byte
{
    /// <summary>Not solved yet.</summary>
    Pending,
    /// <summary>Σ|ΔQ|/Σ|Q| ≤ accuracy with no status change (EPANET hydsolve).</summary>
    Converged,
    /// <summary>The trial limit was reached first.</summary>
    NotConverged,
    /// <summary>A non-positive pivot in the Cholesky factorization (EPANET: ill-conditioned system).</summary>
    Singular,
}
