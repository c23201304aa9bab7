using WdnAccel.Core.Io;
using WdnAccel.Core.Optimizers;

namespace WdnAccel.Core.Batch;

/// <summary>
/// The optimizers a batch's jobs may name (--algorithm, `batch plan --algorithms`, a manifest's algorithms, a scenario's
/// solver.algorithm): <see cref="OptimizerCatalog"/>'s, which optimize jobs and Lishui allocate jobs run. nsga2, which
/// `optimize` also takes, is refused: it gives a cost–resilience front, not the one least-cost design a batch record
/// holds. Names are checked before any job runs and given in their canonical form (the one job ids and records carry).
/// </summary>
public static class BatchAlgorithms
{
    /// <summary>
    /// The canonical name of <paramref name="name"/> (case-insensitive, aliases included); otherwise bad input at
    /// <paramref name="file"/>, <paramref name="line"/>, <paramref name="field"/>, with the nearest valid name.
    /// </summary>
    public static string Check(string name, string? file = null, int? line = null, string? field = null)
    {
        const string Front = OptimizerCatalog.FrontAlgorithm;
        if (OptimizerCatalog.NotLeastCost(name, $"is not a batch algorithm: it gives a cost–resilience front, not the one least-cost design a batch record holds (for fronts, run `front` or `optimize --algorithm {Front}` on each scenario)") is { } why)
            throw new InvalidInputException(why, file, line, field);
        return OptimizerCatalog.Canonical(name)!;
    }
}
