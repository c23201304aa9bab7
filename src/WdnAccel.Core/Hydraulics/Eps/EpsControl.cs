using WdnAccel.Core.Model;

namespace WdnAccel.Core.Hydraulics.Eps;

/// <summary>
/// A simple control compiled for the engine: on <see cref="Condition"/> link <see cref="Link"/> takes
/// <see cref="Status"/> and <see cref="Setting"/> (NaN = no setting, EPANET's MISSING). <see cref="Grade"/> is the
/// head (m) at which a level or pressure control acts; <see cref="Node"/> is −1 for time controls.
/// </summary>
public sealed record EpsControl(int Link, ControlCondition Condition, int Node, double Grade, double Time, EpsStatus Status, double Setting);
