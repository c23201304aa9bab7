namespace WdnAccel.Core.Tests.Io.Inp;

/// <summary>Hand-written .inp files with every element of an extended-period run, and the unit factors to check them by.</summary>
internal static class InpSnippets
{
    public const double Foot = 0.3048;
    public const double CubicFoot = Foot * Foot * Foot;
    /// <summary>m³/s per gpm (EPANET: 448.831 gpm per cfs).</summary>
    public const double Gpm = CubicFoot / 448.831;
    /// <summary>m³/s per L/s (EPANET: 28.317 L/s per cfs).</summary>
    public const double Lps = CubicFoot / 28.317;
    /// <summary>m of water per psi (EPANET: 0.4333 psi per ft).</summary>
    public const double Psi = Foot / 0.4333;

    /// <summary>US customary units (GPM): every section of an extended-period run, with values that convert.</summary>
    public const string EveryElementUs = """
        [TITLE]
        every element, US units
        [JUNCTIONS]
         J1 100 50 P1
         J2 90 20
         J3 80 0
        [RESERVOIRS]
         R1 300
        [TANKS]
         T1 150 10 2 20 40
        [PIPES]
         P1 R1 J1 1000 12 100
         P2 J1 J2 500 8 100 0 CV
         P3 J2 T1 800 10 100
         P4 J3 T1 400 6 100
        [PUMPS]
         PU1 J1 J3 HEAD C1
        [VALVES]
         V1 J2 J3 6 PRV 50 0.2
         V2 J1 J2 4 TCV 3.5
         V3 J3 J2 4 GPV HL1
         V4 J1 J3 8 FCV 100
         V5 J1 J2 5 PBV 5
         V6 J1 J2 5 PSV 30
        [CURVES]
         C1 1000 200
         HL1 0 0
         HL1 500 10
         E1 500 80
        [PATTERNS]
         P1 1 1.2 0.8
         PR 1 2
        [STATUS]
         V1 CLOSED
         V5 20
         V6 OPEN
        [EMITTERS]
         J3 0.5
        [CONTROLS]
         LINK PU1 OPEN IF NODE T1 BELOW 5
         LINK PU1 CLOSED IF NODE J2 ABOVE 60
         LINK V1 40 AT TIME 6:30
         LINK V4 250 AT CLOCKTIME 7:15 PM
         LINK P1 0 AT TIME 12
         LINK PU1 0.8 AT CLOCKTIME 6 AM
        [RULES]
        RULE R1
        IF TANK T1 LEVEL ABOVE 15
        AND SYSTEM CLOCKTIME >= 8 PM
        OR JUNCTION J1 PRESSURE < 40
        THEN PUMP PU1 STATUS IS CLOSED
        AND VALVE V1 SETTING IS 45
        ELSE LINK PU1 STATUS IS OPEN
        PRIORITY 5

        RULE R2
        IF SYSTEM TIME = 10:30
        AND LINK V4 FLOW <= 120
        AND TANK T1 FILLTIME > 2.5
        AND LINK V1 STATUS IS ACTIVE
        AND LINK V4 SETTING >= 100
        AND SYSTEM DEMAND <> 500
        AND NODE J2 HEAD BELOW 400
        AND NODE J3 DEMAND NOT 5
        THEN LINK P1 STATUS IS OPEN
        [ENERGY]
         Global Efficiency 70
         Global Price 0.1
         Global Pattern PR
         Demand Charge 12
         Pump PU1 Efficiency E1
         Pump PU1 Price 0.2
         Pump PU1 Pattern PR
        [QUALITY]
         J1 0.5
         T1 1.2
        [SOURCES]
         R1 CONCEN 1.5 P1
         J2 MASS 100
         J1 SETPOINT 0.8
         J3 FLOWPACED 0.3
        [REACTIONS]
         Order Bulk 1.5
         Order Wall 0
         Global Bulk -0.5
         Global Wall -1.2
         Bulk P1 -0.3
         Wall P3 -0.7
         Tank T1 -0.1
         Limiting Potential 2
         Roughness Correlation 0.9
        [MIXING]
         T1 2COMP 0.4
        [TIMES]
         Duration 2 days
         Hydraulic Timestep 0:30
         Quality Timestep 5 MIN
         Pattern Timestep 2
         Pattern Start 1:00
         Report Timestep 1:00:30
         Report Start 3600 SEC
         Start ClockTime 2:30 PM
         Rule Timestep 0:06
         Statistic AVERAGE
        [OPTIONS]
         Units GPM
         Headloss H-W
         Demand Model PDA
         Minimum Pressure 10
         Required Pressure 30
         Pressure Exponent 0.6
         Emitter Exponent 0.55
         CHECKFREQ 3
         MAXCHECK 12
         DAMPLIMIT 0.01
         HEADERROR 0.02
         FLOWCHANGE 0.5
         Unbalanced Continue 7
         Quality Chlorine mg/L
         Diffusivity 1.3
         Tolerance 0.02
         Map net.map
        [REPORT]
         Status Yes
        [END]
        """;

    /// <summary>SI units (LPS) with pressures in kPa and a specific gravity of 0.9.</summary>
    public const string KpaSi = """
        [JUNCTIONS]
         J1 10 2
         J2 8 1
         J3 7 0
        [RESERVOIRS]
         R1 60
        [PIPES]
         P1 R1 J1 100 300 100
         P2 J2 J3 100 200 100
        [VALVES]
         V1 J1 J2 150 PRV 300
        [EMITTERS]
         J3 0.8
        [CONTROLS]
         LINK V1 250 IF NODE J3 BELOW 150
        [OPTIONS]
         Units LPS
         Pressure kPa
         Specific Gravity 0.9
         Minimum Pressure 50
        [END]
        """;

    /// <summary>Replaces the one line that is exactly <paramref name="line"/> (after trimming) and returns the text with its 1-based line number.</summary>
    public static (string Text, int Line) ReplaceLine(string text, string line, string replacement)
    {
        var lines = text.Split('\n');
        int index = Array.FindIndex(lines, l => l.Trim() == line.Trim());
        Assert.True(index >= 0, $"line '{line}' is not in the snippet");
        Assert.Equal(-1, Array.FindIndex(lines, index + 1, l => l.Trim() == line.Trim()));
        lines[index] = replacement;
        return (string.Join('\n', lines), index + 1);
    }
}
