using WdnAccel.Core.Model;

namespace WdnAccel.Core.Io.Inp;

/// <summary>
/// One quantity's conversion between an .inp file's units and SI. The reader applies <see cref="ToSi"/> and the writer
/// searches the shortest decimal that <see cref="ToSi"/> maps back onto the model's value, so both sides use this one
/// function and an export re-imports bit for bit.
/// </summary>
internal sealed record InpConversion(Func<double, double> ToSi, Func<double, double> FromSi)
{
    public static readonly InpConversion Identity = new(v => v, v => v);

    public static InpConversion Scale(double siPerFileUnit) => new(v => v * siPerFileUnit, v => v / siPerFileUnit);
}

/// <summary>
/// The units an EPANET 2.2 file is written in, as its [OPTIONS] fix them (input1.c initunits): US customary (ft, in, psi,
/// hp) with CFS, GPM, MGD, IMGD and AFD flows, SI (m, mm, m or kPa, kW) otherwise. Pressures are converted to metres of
/// the fluid as EPANET does, through its factors PSIperFT = 0.4333 and KPAperPSI = 6.895 and the specific gravity; in SI
/// files with pressures in metres that is the value divided by the specific gravity.
/// </summary>
internal sealed class InpUnits
{
    /// <summary>EPANET 2.2 types.h: psi per foot of water.</summary>
    public const double PsiPerFoot = 0.4333;
    /// <summary>EPANET 2.2 types.h: kPa per psi.</summary>
    public const double KpaPerPsi = 6.895;
    /// <summary>EPANET's diffusivity of chlorine at 20 °C (ft²/s), the base of the relative DIFFUSIVITY option.</summary>
    public const double ChlorineDiffusivity = 1.3e-8;

    public bool UsCustomary { get; }
    public bool PressureInKpa { get; }
    public InpConversion Length { get; }
    public InpConversion Diameter { get; }
    public InpConversion Flow { get; }
    public InpConversion Volume { get; }
    public InpConversion Power { get; }
    public InpConversion Roughness { get; }
    /// <summary>Pressure (psi, m or kPa of water) → m of the fluid.</summary>
    public InpConversion Pressure { get; }
    /// <summary>Emitter coefficient: flow units per (pressure unit)^exponent → m³/s per m^exponent.</summary>
    public InpConversion Emitter { get; }
    /// <summary>Wall reaction coefficient of the network's wall order: ft/day → m/day (first order) or mass/ft²/day → mass/m²/day (zero order).</summary>
    public InpConversion Wall { get; }
    /// <summary>
    /// DIFFUSIVITY → relative to chlorine: EPANET reads a value above 1e-4 as a multiple of chlorine's 1.3e-8 ft²/s and a
    /// smaller one as the actual diffusivity in ft²/s (US) or m²/s (SI).
    /// </summary>
    public InpConversion Diffusivity { get; }

    public InpUnits(HydraulicOptions options, bool pressureInKpa, double wallOrder = 1)
    {
        UsCustomary = Units.IsUsCustomary(options.FlowUnits);
        PressureInKpa = pressureInKpa && !UsCustomary; // EPANET: US files always give pressures in psi
        Length = UsCustomary ? InpConversion.Scale(Units.MetersPerFoot) : InpConversion.Identity;
        Diameter = UsCustomary ? InpConversion.Scale(Units.MetersPerInch) : new(v => v / 1000.0, v => v * 1000.0);
        double perFlowUnit = Units.FlowToSi(options.FlowUnits);
        Flow = InpConversion.Scale(perFlowUnit);
        Volume = UsCustomary ? InpConversion.Scale(Units.CubicMetersPerCubicFoot) : InpConversion.Identity;
        Power = UsCustomary ? InpConversion.Scale(Units.KilowattsPerHorsepower) : InpConversion.Identity;
        // D-W roughness is in millifeet (US) or mm (SI); H-W C is dimensionless.
        Roughness = options.HeadLoss != HeadLossModel.DarcyWeisbach ? InpConversion.Identity
            : UsCustomary ? new(v => v * 1e-3 * Units.MetersPerFoot, v => v / Units.MetersPerFoot * 1e3)
            : new(v => v / 1000.0, v => v * 1000.0);
        double sg = options.SpecificGravity;
        // File pressure units per foot of the fluid (EPANET's Ucf[PRESSURE]); SI metres are divided by the gravity directly.
        double perFoot = UsCustomary ? PsiPerFoot * sg : KpaPerPsi * PsiPerFoot * sg;
        Pressure = UsCustomary || PressureInKpa ? InpConversion.Scale(Units.MetersPerFoot / perFoot) : new(v => v / sg, m => m * sg);
        // q = K·p^β in file units; with q_si = q·f and p_si = p·g: K_si = K·f / g^β.
        double pressureScale = Math.Pow(Pressure.ToSi(1.0), options.EmitterExponent);
        Emitter = new(k => k * perFlowUnit / pressureScale, k => k / perFlowUnit * pressureScale);
        Wall = !UsCustomary ? InpConversion.Identity
            : wallOrder == 0 ? InpConversion.Scale(1.0 / (Units.MetersPerFoot * Units.MetersPerFoot))
            : InpConversion.Scale(Units.MetersPerFoot);
        double actual = ChlorineDiffusivity * (UsCustomary ? 1.0 : Units.MetersPerFoot * Units.MetersPerFoot);
        Diffusivity = new(v => v > InpReader.ActualDiffusivityLimit ? v : v / actual, r => r > InpReader.ActualDiffusivityLimit ? r : r * actual);
    }

    /// <summary>
    /// Whether [OPTIONS] lines carried verbatim (not modelled) ask for kPa pressures: EPANET's <c>PRESSURE KPA</c>, which
    /// the model does not hold, so the writer finds it where the reader kept it.
    /// </summary>
    public static bool AsksForKpa(IEnumerable<InpSection> extraSections) =>
        extraSections.Where(s => s.Name == "OPTIONS").SelectMany(s => s.Lines).Any(line =>
        {
            var tokens = InpText.Tokenize(line).Tokens;
            return tokens.Count > 1 && InpKeywords.Is(tokens[0], "PRESSURE") && InpKeywords.Is(tokens[1], "KPA");
        });

    public static InpUnits Of(Network net) => new(net.Options, AsksForKpa(net.ExtraSections), net.Reactions.WallOrder);
}
