namespace WdnAccel.Kernels.Ilgpu;

/// <summary>Which kernels a <see cref="FloydWarshallSession"/> run took; all give the reference's distance bits.</summary>
public enum FloydWarshallForm
{
    /// <summary>Distances and successors, each pair updated on strict improvement.</summary>
    WithRoutes,

    /// <summary>Distances alone (an empty successor span), updated on strict improvement.</summary>
    DistancesOnly,

    /// <summary>Distances alone in float, the blocked phase 3 updating each pair by the hardware minimum (FMNMX, one
    /// instruction, instead of a compare and a select): taken where no weight is negative or −0, where the two rules
    /// agree. Double has no one-instruction minimum on current cards.</summary>
    DistancesByMinimum,
}
