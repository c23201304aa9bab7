using System.Globalization;
using WdnAccel.Core.Io;

namespace WdnAccel.Core.Hydraulics;

/// <summary>
/// What makes a solved snapshot doubtful although it may have converged: what EPANET's report warns about (negative
/// pressures), plus open pipes of 1 mm or less: the benchmark .inp files carry 0.1 µm placeholders for the sizes an
/// optimizer chooses, and solving them "converges" to heads of −10³⁴ m. One place for `simulate` and `batch`.
/// </summary>
public static class SnapshotWarnings
{
    /// <param name="designScenario">True when the network belongs to a design scenario solved without a design.</param>
    public static List<JsonWarning> Of(CompiledNetwork net, HydraulicBatch batch, int lane, SnapshotResult result, bool designScenario)
    {
        var warnings = new List<JsonWarning>();
        var tiny = Enumerable.Range(0, net.PipeCount).Where(p => batch.Diameter[p * batch.Count + lane] is > 0 and <= 1e-3).Select(p => net.LinkIds[p]).ToList();
        if (tiny.Count > 0)
        {
            string ids = string.Join(", ", tiny.Take(5)) + (tiny.Count > 5 ? $", … ({tiny.Count} pipes)" : "");
            warnings.Add(new JsonWarning("small_diameter", $"pipe diameter of 1 mm or less: {ids}; " + (designScenario
                ? "this design scenario's pipes carry placeholder sizes: pass --design (an `optimize` result or {\"pipe id\": diameter in m})"
                : "check the [PIPES] diameters and the file's units, or pass --design"), string.Join(",", tiny)));
        }
        var negative = result.Nodes.Where(n => !n.FixedHead && n.Pressure < 0).ToList();
        if (negative.Count > 0)
        {
            var lowest = negative.MinBy(n => n.Pressure)!;
            warnings.Add(new JsonWarning("negative_pressure",
                string.Format(CultureInfo.InvariantCulture, "negative pressures at {0} junction(s); lowest {1:G4} m at node {2}", negative.Count, lowest.Pressure, lowest.Id),
                lowest.Id));
        }
        return warnings;
    }
}
