namespace WdnAccel.Core.Hydraulics.Eps;

/// <summary>
/// One hydraulic period of an extended-period run, as the water-quality engine needs it: from <see cref="Time"/> for
/// <see cref="Duration"/> seconds the flows hold. Arrays are indexed as <see cref="EpsNetwork"/> numbers nodes and
/// links. <see cref="Demand"/> is a junction's outflow (demand + emitter, m³/s) and a tank's or reservoir's net
/// inflow; <see cref="Flow"/> is m³/s from Node1 to Node2 (a closed link carries EPANET's 1e-6 cfs or less).
/// </summary>
public sealed record HydraulicPeriod(double Time, double Duration, double[] Head, double[] Demand, double[] Flow, EpsStatus[] Status);
