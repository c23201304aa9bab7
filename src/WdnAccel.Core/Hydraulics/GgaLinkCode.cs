namespace WdnAccel.Core.Hydraulics;

/// <summary>How the one-source GGA (<see cref="GgaLaneSolver"/>) treats a link: <see cref="LinkKind"/> with constant-power pumps told apart, as ints that device tables can hold.</summary>
public static class GgaLinkCode
{
    public const int Pipe = 0;
    public const int CheckValve = 1;
    public const int PowerCurvePump = 2;
    public const int ConstantPowerPump = 3;
    /// <summary>A pump on a custom (multi-point) curve, followed segment by segment (EPANET curvecoeff).</summary>
    public const int CustomCurvePump = 4;
    /// <summary>Valves (EPANET [VALVES]), one code per type: pressure reducing, sustaining and breaker, flow control, throttle control, general purpose.</summary>
    public const int PressureReducingValve = 5, PressureSustainingValve = 6, PressureBreakerValve = 7, FlowControlValve = 8, ThrottleControlValve = 9, GeneralPurposeValve = 10;

    /// <summary>The code of link <paramref name="link"/> of <paramref name="net"/>.</summary>
    public static int Of(CompiledNetwork net, int link) => net.Kind[link] switch
    {
        LinkKind.CheckValvePipe => CheckValve,
        LinkKind.Pump => net.PumpConstantPower[link - net.PipeCount] ? ConstantPowerPump
            : net.PumpCurveStart[link - net.PipeCount + 1] > net.PumpCurveStart[link - net.PipeCount] ? CustomCurvePump : PowerCurvePump,
        LinkKind.Valve => net.ValveTypes[link - net.ValveStart] switch
        {
            Model.ValveType.PRV => PressureReducingValve,
            Model.ValveType.PSV => PressureSustainingValve,
            Model.ValveType.PBV => PressureBreakerValve,
            Model.ValveType.FCV => FlowControlValve,
            Model.ValveType.TCV => ThrottleControlValve,
            _ => GeneralPurposeValve,
        },
        _ => Pipe,
    };

    /// <summary>Links whose status the GGA checks (EPANET hydstatus.c): check valves and curve pumps; a constant-power pump never closes on head.</summary>
    public static int[] StatusLinks(CompiledNetwork net) =>
        Enumerable.Range(0, net.LinkCount).Where(i => ClosesOnHead(Of(net, i))).ToArray();

    /// <summary>Whether links of <paramref name="code"/> have their status checked on head: check valves and curve pumps (their shut-off head).</summary>
    public static bool ClosesOnHead(int code) => code is CheckValve or PowerCurvePump or CustomCurvePump;

    /// <summary>Whether a link of <paramref name="code"/> is a pump.</summary>
    public static bool IsPump(int code) => code is PowerCurvePump or ConstantPowerPump or CustomCurvePump;

    /// <summary>Whether a link of <paramref name="code"/> is a valve.</summary>
    public static bool IsValve(int code) => code >= PressureReducingValve;

    /// <summary>
    /// PRVs, PSVs and FCVs: with a setting they are control valves, assembled apart from the other links while they hold
    /// it (EPANET hydcoeffs.c valvecoeffs: prvcoeff, psvcoeff, fcvcoeff).
    /// </summary>
    public static bool IsControlValve(int code) => code is PressureReducingValve or PressureSustainingValve or FlowControlValve;
}
