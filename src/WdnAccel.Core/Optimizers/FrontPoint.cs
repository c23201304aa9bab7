namespace WdnAccel.Core.Optimizers;

/// <summary>One feasible, non-dominated design of a multi-objective run: its genome and its objectives (as minimized).</summary>
public sealed record FrontPoint(int[] Genome, double[] Objectives);
