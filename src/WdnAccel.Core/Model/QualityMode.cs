namespace WdnAccel.Core.Model;

/// <summary>What a water-quality simulation tracks (EPANET [OPTIONS] QUALITY).</summary>
public enum QualityMode
{
    None,
    /// <summary>A reactive chemical (e.g. chlorine) in mass units per litre.</summary>
    Chemical,
    /// <summary>Water age in hours.</summary>
    Age,
    /// <summary>Percentage of water that came from <see cref="QualitySettings.TraceNodeId"/>.</summary>
    Trace,
}
