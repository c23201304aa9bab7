namespace WdnAccel.Core.Optimizers;

/// <summary>A named algorithm parameter with its default and admissible closed range [Min, Max]; <paramref name="Whole"/>
/// for counts and switches, which take whole numbers only (a fraction would be rounded where it is read, so the
/// recorded setting would not be the one that ran).</summary>
public sealed record OptimizerParameter(string Name, double Default, double Min, double Max, string Description, bool Whole = false);
