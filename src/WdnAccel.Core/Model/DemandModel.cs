namespace WdnAccel.Core.Model;

/// <summary>How junction demands respond to pressure (EPANET 2.2 [OPTIONS] DEMAND MODEL).</summary>
public enum DemandModel
{
    /// <summary>Demand-driven: the full demand is delivered whatever the pressure (EPANET DDA).</summary>
    DemandDriven,
    /// <summary>
    /// Pressure-driven (EPANET PDA, Wagner et al. 1988): none below the minimum pressure, the full demand from the
    /// required pressure on, and demand × ((p − pmin)/(preq − pmin))^exponent in between.
    /// </summary>
    PressureDriven,
}
