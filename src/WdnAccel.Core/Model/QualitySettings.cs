namespace WdnAccel.Core.Model;

/// <summary>
/// Single-species water quality (EPANET [OPTIONS] QUALITY, DIFFUSIVITY, TOLERANCE and [QUALITY] initial values).
/// <see cref="MassUnits"/> is mg or ug (per litre); <see cref="RelativeDiffusivity"/> is relative to chlorine at 20 °C
/// (1.3e-8 ft²/s); <see cref="Tolerance"/> is the concentration difference below which pipe segments merge.
/// </summary>
public sealed record QualitySettings
{
    public QualityMode Mode { get; init; } = QualityMode.None;
    public string ChemicalName { get; init; } = "Chemical";
    public string MassUnits { get; init; } = "mg";
    public string? TraceNodeId { get; init; }
    public double RelativeDiffusivity { get; init; } = 1.0;
    public double Tolerance { get; init; } = 0.01;
    /// <summary>Initial quality per node id (absent = 0).</summary>
    public IReadOnlyDictionary<string, double> InitialQuality { get; init; } = new Dictionary<string, double>();
}
