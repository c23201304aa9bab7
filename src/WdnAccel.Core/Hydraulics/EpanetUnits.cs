using WdnAccel.Core.Compute;
using WdnAccel.Core.Model;

namespace WdnAccel.Core.Hydraulics;

/// <summary>
/// SI ↔ the units the EPANET toolkit speaks for a network, which its flow units decide (EPANET 2.2 toolkit manual,
/// "Units of Measurement"): US customary (ft, in, millifeet) for CFS, GPM, MGD, IMGD and AFD, metric (m, mm) otherwise.
/// </summary>
public static class EpanetUnits
{
    /// <summary>EN_getflowunits' code (EN_FlowUnits: EN_CFS = 0 … EN_CMD = 9, EN_CMS = 10 from 2.3) as <see cref="FlowUnits"/>, which lists them in the same order.</summary>
    public static FlowUnits FlowUnitsOf(int code) =>
        code is >= (int)FlowUnits.CFS and <= (int)FlowUnits.CMS ? (FlowUnits)code
        : throw new BackendUnavailableException($"EPANET reported flow units code {code}, which EPANET 2.2/2.3 do not define (0-10)");

    /// <summary>A diameter in m as EN_DIAMETER takes it: inches (US customary) or millimetres.</summary>
    public static double DiameterFromMeters(double meters, FlowUnits units) =>
        Units.IsUsCustomary(units) ? meters / Units.MetersPerInch : meters * 1000.0;

    /// <summary>EN_HEAD (or any length EPANET reports: ft in US customary, m otherwise) in m.</summary>
    public static double HeadToMeters(double head, FlowUnits units) =>
        Units.IsUsCustomary(units) ? head * Units.MetersPerFoot : head;

    /// <summary>
    /// A roughness of the model as EN_ROUGHNESS takes it: Hazen–Williams C as is; Darcy–Weisbach ε (m in the model) in
    /// millifeet (US customary) or millimetres.
    /// </summary>
    public static double RoughnessFromSi(double roughness, HeadLossModel model, FlowUnits units) =>
        model != HeadLossModel.DarcyWeisbach ? roughness
        : Units.IsUsCustomary(units) ? roughness / Units.MetersPerFoot * 1000.0
        : roughness * 1000.0;
}
