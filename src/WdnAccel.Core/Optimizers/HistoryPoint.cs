namespace WdnAccel.Core.Optimizers;

/// <summary>One step of a convergence history: after <see cref="Evaluations"/> evaluations the best feasible cost became <see cref="BestCost"/>.</summary>
public readonly record struct HistoryPoint(long Evaluations, double BestCost);
