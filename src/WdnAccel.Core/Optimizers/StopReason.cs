namespace WdnAccel.Core.Optimizers;

/// <summary>Why a run ended.</summary>
public enum StopReason
{
    /// <summary>
    /// The evaluation budget was spent; with <see cref="OptimizerSettings.EvaluationCache"/> also when as many repeated
    /// designs as the budget were answered from the cache (the reported name stays the same for scripts).
    /// </summary>
    EvaluationBudget,
    /// <summary>A feasible design at or below the target cost was found.</summary>
    TargetReached,
    /// <summary>The algorithm's own generation limit was reached (GA-COA-SA's <c>generations</c>).</summary>
    GenerationLimit,
    /// <summary>The caller cancelled; the result holds the best found so far.</summary>
    Cancelled,
}
