using WdnAccel.Core.Hydraulics.Eps;
using WdnAccel.Core.Io;
using WdnAccel.Core.Model;

namespace WdnAccel.Core.Quality;

/// <summary>
/// The water-quality data of an <see cref="EpsNetwork"/>, checked and converted once (EPANET 2.2 input1.c adjustdata
/// and convertunits): reaction coefficients with the global values filling in, the roughness correlation, link
/// volumes, tank mixing zones, sources by node, and EPANET's node adjacency order. The engine computes in EPANET's own
/// internal units (ft, ft³, cfs, mass per ft³, s) so that its knife-edge decisions (segments merge when their qualities
/// differ by less than the tolerance, which Net2's source pattern hits exactly) fall as EPANET's do; results are
/// reported in the model's units (mass/L, hours, percent). Immutable; shared by every <see cref="QualitySolver"/> on
/// the network.
/// </summary>
public sealed class QualityNetwork
{
    /// <summary>EPANET's SECperDAY.</summary>
    internal const double SecondsPerDay = 86400;
    /// <summary>Chlorine's molecular diffusivity at 20 °C, EPANET's DIFFUS (ft²/s).</summary>
    public const double ChlorineDiffusivity = 1.3e-8;
    /// <summary>EPANET quality.c Q_STAGNANT: 0.005 gpm (448.831 gpm per cfs), in cfs.</summary>
    internal const double StagnantFlow = 0.005 / 448.831;
    /// <summary>EPANET's LperFT3.</summary>
    internal const double LitersPerCubicFoot = 28.317;
    internal const double Foot = Units.MetersPerFoot;
    internal const double CubicFoot = Units.CubicMetersPerCubicFoot;

    public EpsNetwork Network { get; }
    public QualityMode Mode { get; }
    /// <summary>Quality time step (s): EPANET adjustdata's Qstep, a tenth of the (adjusted) hydraulic step unless given.</summary>
    public long QualityStep { get; }
    /// <summary>Trace node index, −1 outside trace mode.</summary>
    public int TraceNode { get; }

    /// <summary>Reported quality per internal unit (EPANET's Ucf[QUALITY]): 1/28.317 L/ft³ for a chemical, else 1.</summary>
    internal double QualityFactor { get; }
    /// <summary>Per node: initial quality (EPANET's C0, internal units).</summary>
    internal double[] InitialQuality { get; }
    /// <summary>Per link: length and diameter (ft).</summary>
    internal double[] Length { get; }
    internal double[] Diameter { get; }
    /// <summary>Per link: EPANET's LINKVOL (0.785398·L·D², ft³) for pipes, 0 for pumps and valves.</summary>
    internal double[] LinkVolume { get; }
    /// <summary>Per link: EPANET's PIPE type (a check-valve pipe is not: it starts empty and does not react, as in EPANET 2.2).</summary>
    internal bool[] PlainPipe { get; }
    /// <summary>Per link: bulk coefficient (per s, per (mass/L)^(n−1)) and wall coefficient (ft/s, or mass/ft²/s for a zero-order wall).</summary>
    internal double[] BulkCoefficient { get; }
    internal double[] WallCoefficient { get; }
    /// <summary>Per tank: bulk coefficient (per s), mixing model, initial and full mixing-zone volume (ft³, EPANET V0 and V1max).</summary>
    internal double[] TankBulk { get; }
    internal MixingModel[] Mixing { get; }
    internal double[] InitialVolume { get; }
    internal double[] MixingZoneVolume { get; }
    /// <summary>Per node: source type (−1 none), strength (internal mass/ft³, or mass/s for MASS) and pattern (−1 none).</summary>
    internal int[] SourceKind { get; }
    internal double[] SourceStrength { get; }
    internal int[] SourcePattern { get; }

    internal double BulkOrder { get; }
    internal double WallOrder { get; }
    internal double TankOrder { get; }
    /// <summary>EPANET getucf: bulk and tank rate factors from per-litre to per-ft³ concentrations.</summary>
    internal double BulkUnits { get; }
    internal double TankUnits { get; }
    /// <summary>Limiting potential and segment-merging tolerance (internal units).</summary>
    internal double LimitingPotential { get; }
    internal double Tolerance { get; }
    /// <summary>Molecular diffusivity (ft²/s), kinematic viscosity (ft²/s) and Schmidt number ν/D (0 = no mass-transfer limit).</summary>
    internal double Diffusivity { get; }
    internal double Viscosity { get; }
    internal double Schmidt { get; }
    /// <summary>EPANET's Reactflag: water age, or a chemical with any non-zero bulk, wall or tank coefficient.</summary>
    internal bool Reactive { get; }

    /// <summary>Links at each node in EPANET's adjacency-list order (buildadjlists prepends: highest link index first).</summary>
    internal int[] AdjacencyStart { get; }
    internal int[] AdjacentLink { get; }

    public static QualityNetwork Compile(EpsNetwork network, string? file = null) => new(network, file);

    private QualityNetwork(EpsNetwork net, string? file)
    {
        Network = net;
        var source = net.Source;
        var quality = source.Quality;
        var reactions = source.Reactions;
        Mode = quality.Mode;
        int n = net.NodeCount, m = net.LinkCount;

        // At least 1 s here (EPANET would not advance with 0).
        QualityStep = Math.Max(1L, (long)net.Times.EffectiveQualityStep);
        // EPANET initunits: chemical concentrations are mass/ft³ inside (ccf = 1/LperFT3), C0 /= ccf.
        QualityFactor = Mode == QualityMode.Chemical ? 1.0 / LitersPerCubicFoot : 1.0;
        if (!(quality.Tolerance >= 0)) throw Bad($"quality tolerance must be >= 0, got {quality.Tolerance}", "TOLERANCE");
        Tolerance = quality.Tolerance / QualityFactor;
        if (!(quality.RelativeDiffusivity >= 0)) throw Bad($"relative diffusivity must be >= 0, got {quality.RelativeDiffusivity}", "DIFFUSIVITY");
        Diffusivity = ChlorineDiffusivity * quality.RelativeDiffusivity;
        Viscosity = net.Viscosity / (Foot * Foot);
        Schmidt = Diffusivity > 0 ? Viscosity / Diffusivity : 0;

        TraceNode = -1;
        if (Mode == QualityMode.Trace)
        {
            TraceNode = net.NodeIndex(quality.TraceNodeId ?? "");
            if (TraceNode < 0) throw Bad($"trace node '{quality.TraceNodeId}' is not a node of the network", "QUALITY");
        }

        InitialQuality = new double[n];
        foreach (var (id, c) in quality.InitialQuality)
        {
            int i = net.NodeIndex(id);
            if (i < 0) throw Bad($"initial quality of unknown node '{id}'", "QUALITY");
            if (!double.IsFinite(c)) throw Bad($"initial quality of node {id} is not a number", "QUALITY");
            InitialQuality[i] = c / QualityFactor;
        }

        if (!double.IsFinite(reactions.BulkOrder)) throw Bad("bulk reaction order is not a number", "REACTIONS");
        if (!double.IsFinite(reactions.TankOrder)) throw Bad("tank reaction order is not a number", "REACTIONS");
        if (reactions.WallOrder is not (0 or 1)) throw Bad($"the wall reaction order is 0 or 1, got {reactions.WallOrder}", "REACTIONS");
        BulkOrder = reactions.BulkOrder;
        WallOrder = reactions.WallOrder;
        TankOrder = reactions.TankOrder;
        LimitingPotential = reactions.LimitingPotential / QualityFactor;
        BulkUnits = RateUnits(BulkOrder);
        TankUnits = RateUnits(TankOrder);
        foreach (var (what, value) in new[] { ("global bulk", reactions.GlobalBulk), ("global wall", reactions.GlobalWall),
                     ("limiting potential", reactions.LimitingPotential), ("roughness correlation", reactions.RoughnessCorrelation) })
        {
            if (!double.IsFinite(value)) throw Bad($"{what} coefficient is not a number", "REACTIONS");
        }

        Length = new double[m];
        Diameter = new double[m];
        LinkVolume = new double[m];
        PlainPipe = new bool[m];
        BulkCoefficient = new double[m];
        WallCoefficient = new double[m];
        CheckIds(reactions.PipeBulk.Keys, id => net.LinkIndex(id) is var k && k >= 0 && k < net.PipeCount, "pipe", "bulk");
        CheckIds(reactions.PipeWall.Keys, id => net.LinkIndex(id) is var k && k >= 0 && k < net.PipeCount, "pipe", "wall");
        bool usFile = source.Options.FlowUnits is FlowUnits.CFS or FlowUnits.GPM or FlowUnits.MGD or FlowUnits.IMGD or FlowUnits.AFD;
        for (int k = 0; k < net.PipeCount; k++)
        {
            string id = net.LinkIds[k];
            Length[k] = FileFeet(net.Length[k], usFile);
            Diameter[k] = FileDiameterFeet(net.Diameter[k], usFile);
            // EPANET qualroute.c LINKVOL uses 0.785398 for π/4.
            LinkVolume[k] = 0.785398 * Length[k] * Diameter[k] * Diameter[k];
            PlainPipe[k] = net.Type[k] == EpsLinkType.Pipe;
            double kb = reactions.PipeBulk.TryGetValue(id, out var b) ? b : reactions.GlobalBulk;
            double kw;
            if (reactions.PipeWall.TryGetValue(id, out var w)) kw = w;
            else if (reactions.RoughnessCorrelation == 0) kw = reactions.GlobalWall;
            else kw = RoughnessWall(reactions.RoughnessCorrelation, net.Roughness[k], net.Diameter[k], source.Options.HeadLoss, usFile);
            if (!double.IsFinite(kb) || !double.IsFinite(kw)) throw Bad($"pipe {id}: reaction coefficient is not a number", "REACTIONS");
            BulkCoefficient[k] = kb / SecondsPerDay;
            // m/day → ft/s (first order); mass/m²/day → mass/ft²/s (zero order).
            WallCoefficient[k] = WallOrder == 0 ? kw / SecondsPerDay * (Foot * Foot) : kw / SecondsPerDay / Foot;
        }
        for (int k = net.PipeCount; k < m; k++) Diameter[k] = FileDiameterFeet(net.Diameter[k], usFile);

        int nt = net.TankCount;
        TankBulk = new double[nt];
        Mixing = new MixingModel[nt];
        InitialVolume = new double[nt];
        MixingZoneVolume = new double[nt];
        CheckIds(reactions.TankBulk.Keys, id => net.NodeIndex(id) >= net.JunctionCount + net.ReservoirCount, "tank", "bulk");
        for (int t = 0; t < nt; t++)
        {
            var tank = source.Tanks[t];
            double kb = reactions.TankBulk.TryGetValue(tank.Id, out var b) ? b : reactions.GlobalBulk;
            if (!double.IsFinite(kb)) throw Bad($"tank {tank.Id}: bulk coefficient is not a number", "REACTIONS");
            TankBulk[t] = kb / SecondsPerDay;
            Mixing[t] = tank.Mixing;
            if (!(tank.MixingFraction > 0 && tank.MixingFraction <= 1))
                throw Bad($"tank {tank.Id}: the mixing zone is a fraction in (0, 1] of the tank's volume, got {tank.MixingFraction}", "MIXING");
            InitialVolume[t] = net.Tanks[t].InitialVolume / CubicFoot;
            MixingZoneVolume[t] = tank.MixingFraction * (net.Tanks[t].MaxVolume / CubicFoot);
        }

        SourceKind = Enumerable.Repeat(-1, n).ToArray();
        SourceStrength = new double[n];
        SourcePattern = Enumerable.Repeat(-1, n).ToArray();
        foreach (var s in source.Sources)
        {
            int i = net.NodeIndex(s.NodeId);
            if (i < 0) throw Bad($"source at unknown node '{s.NodeId}'", "SOURCES");
            if (!double.IsFinite(s.Strength)) throw Bad($"source at node {s.NodeId}: strength is not a number", "SOURCES");
            int pattern = -1;
            if (s.PatternId is not null && (pattern = net.PatternIndex(s.PatternId)) < 0)
                throw Bad($"source at node {s.NodeId}: unknown pattern '{s.PatternId}'", "SOURCES");
            // EPANET keeps one source per node: the last one given.
            SourceKind[i] = (int)s.Type;
            // EPANET sourcequal: mass/min → mass/s; a concentration → internal units.
            SourceStrength[i] = s.Type == SourceType.Mass ? s.Strength / 60.0 : s.Strength / QualityFactor;
            SourcePattern[i] = pattern;
        }

        // EPANET qualreact.c setreactflag; reservoirs are tanks there and take the global bulk coefficient.
        Reactive = Mode == QualityMode.Age
            || (Mode == QualityMode.Chemical && (BulkCoefficient.Any(x => x != 0) || WallCoefficient.Any(x => x != 0)
                || TankBulk.Any(x => x != 0) || (net.ReservoirCount > 0 && reactions.GlobalBulk != 0)));

        (AdjacencyStart, AdjacentLink) = Hydraulics.LinkIncidence.Of(n, net.From, net.To, highestFirst: true);

        InvalidInputException Bad(string problem, string field) => new($"water quality: {problem}", file, field: field);

        void CheckIds(IEnumerable<string> ids, Func<string, bool> valid, string kind, string what)
        {
            foreach (var id in ids)
            {
                if (!valid(id)) throw Bad($"{what} reaction coefficient for '{id}', which is not a {kind} of the network", "REACTIONS");
            }
        }
    }

    /// <summary>
    /// A length in ft as EPANET derives it from the file (ft as written; m / 0.3048): the file's decimal value is
    /// recovered from the SI model (12 significant digits) so that pipe volumes are EPANET's to the last bit.
    /// </summary>
    private static double FileFeet(double meters, bool usFile) =>
        usFile ? FileValue(meters / Foot) : FileValue(meters) / Foot;

    /// <summary>A diameter in ft as EPANET derives it: inches / 12, or mm / (1000·0.3048).</summary>
    private static double FileDiameterFeet(double meters, bool usFile) =>
        usFile ? FileValue(meters / Units.MetersPerInch) / 12.0 : FileValue(meters * 1000.0) / (1000.0 * Foot);

    private static double FileValue(double x) =>
        double.Parse(x.ToString("G12", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>EPANET getucf: 1/LperFT3^(n−1) for order n (0 for negative, Michaelis–Menten orders).</summary>
    private static double RateUnits(double order)
    {
        if (order < 0.0) order = 0.0;
        return order == 1.0 ? 1.0 : 1.0 / Math.Pow(LitersPerCubicFoot, order - 1.0);
    }

    /// <summary>
    /// EPANET adjustdata's roughness correlation: F/C for Hazen–Williams, F·n for Chezy–Manning, F/|ln(ε/D)| for
    /// Darcy–Weisbach with ε and D as the file gave them (millifeet and inches in US units, so the ratio is
    /// 1000·0.0254/0.3048 times the true one).
    /// </summary>
    private static double RoughnessWall(double factor, double roughness, double diameter, HeadLossModel model, bool usFile)
    {
        if (!(roughness > 0) || !(diameter > 0)) return 0;
        if (model == HeadLossModel.HazenWilliams) return factor / roughness;
        if (model == HeadLossModel.ChezyManning) return factor * roughness;
        double ratio = roughness / diameter * (usFile ? 1000 * Units.MetersPerInch / Units.MetersPerFoot : 1);
        return factor / Math.Abs(Math.Log(ratio));
    }
}
