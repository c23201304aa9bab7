namespace WdnAccel.Core.Optimizers;

/// <summary>A named algorithm parameter with its default and admissible closed range [Min, Max].</summary>
public sealed record OptimizerParameter(string Name, double Default, double Min, double Max, string Description);
