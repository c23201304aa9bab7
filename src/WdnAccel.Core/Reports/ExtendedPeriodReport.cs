using System.Globalization;
using System.Text;
using System.Text.Json;
using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Hydraulics.Eps;
using WdnAccel.Core.Io;
using WdnAccel.Core.Model;

namespace WdnAccel.Core.Reports;

/// <summary>
/// An extended-period run as JSON (<c>steps</c>: every report time with nodes and links shaped as in a snapshot,
/// plus pump energy as EPANET's energy report) or as a text summary. States the settings that produced it.
/// </summary>
public sealed class ExtendedPeriodReport(EpsRunResult run, string file)
{
    public static string StatusName(EpsStatus s) => s switch
    {
        EpsStatus.Active => "active",
        <= EpsStatus.Closed => "closed",
        _ => "open",
    };

    /// <summary>Why a link is in its state, where EPANET would say more than open/closed.</summary>
    public static string? StatusDetail(EpsStatus s) => s switch
    {
        EpsStatus.ClosedHead => "pump cannot deliver the head",
        EpsStatus.TempClosed => "closed to a full or empty tank",
        EpsStatus.OpenBelowSetting => "cannot deliver its flow setting",
        EpsStatus.OpenCannotHold => "cannot hold its pressure setting",
        _ => null,
    };


    public void WriteJson(Utf8JsonWriter w, string backend)
    {
        var net = run.Network;
        var times = net.Times;
        var o = net.Options;
        w.WriteStartObject();
        w.WriteString("file", file);
        w.WriteString("engine", "extended period (EPANET 2.2 semantics)");
        w.WriteString("backend", backend);
        // Every period converged: no not_converged warning (junctions cut off from every source are a warning, not a failure).
        w.WriteBoolean("converged", EpsRunSummary.Converged(run));
        w.WriteNumber("total_trials", run.TotalTrials);
        // No "warnings" here: the run's warnings reach the answer's one closing "warnings" member ({code, message,
        // where}) through the verb's context. A list of plain strings here as well gave the document the key twice.
        w.WriteStartObject("settings");
        w.WriteNumber("duration", times.Duration);
        w.WriteNumber("hydraulic_step", times.EffectiveHydraulicStep);
        w.WriteNumber("pattern_step", times.PatternStep);
        w.WriteNumber("report_step", times.ReportStep);
        w.WriteNumber("report_start", times.EffectiveReportStart);
        w.WriteNumber("start_clocktime", times.StartClockTime);
        w.WriteNumber("quality_step", times.EffectiveQualityStep);
        w.WriteNumber("rule_step", times.EffectiveRuleStep);
        w.WriteString("head_loss", o.HeadLoss.InpKeyword());
        w.WriteNumber("omega", o.Omega);
        w.WriteNumber("accuracy", o.Accuracy);
        w.WriteNumber("max_trials", o.MaxTrials);
        w.WriteString("demand_model", o.DemandModel == DemandModel.PressureDriven ? "PDA" : "DDA");
        w.WriteString("quality", net.Source.Quality.Mode.ToString().ToLowerInvariant());
        w.WriteString("version", ProductVersion.Text);
        w.WriteEndObject();
        // A run of duration 0 is one solve at time zero: it also answers in the snapshot's shape (iterations, omega,
        // nodes, links at the top), so a script that reads `simulate --json` reads it whichever engine ran it.
        if (times.Duration == 0 && run.Steps.Count == 1)
        {
            w.WriteNumber("iterations", run.TotalTrials);
            w.WriteNumber("omega", o.Omega);
            WriteNodesAndLinks(w, run.Steps[0]);
        }
        w.WriteStartArray("steps");
        foreach (var step in run.Steps)
        {
            w.WriteStartObject();
            w.WriteNumber("time", step.Time);
            w.WriteString("clock", ExtendedPeriodSimulation.Clock(step.Time));
            w.WriteNumber("cut_off_junctions", step.CutOffCount);
            WriteNodesAndLinks(w, step);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        WritePumps(w);
        w.WriteEndObject();
    }

    /// <summary>
    /// One time's nodes and links. Links as the snapshot reports them (flow, velocity, head loss, Reynolds number and
    /// regime), with status, setting and quality besides.
    /// </summary>
    private void WriteNodesAndLinks(Utf8JsonWriter w, EpsStep step)
    {
        var net = run.Network;
        double viscosity = SnapshotResult.ReportViscosity(net.Source.Options);
        w.WriteStartArray("nodes");
        for (int i = 0; i < net.NodeCount; i++)
        {
            w.WriteStartObject();
            w.WriteString("id", net.NodeIds[i]);
            w.WriteNumberOrNull("head", step.Head[i]);
            w.WriteNumberOrNull("pressure", step.Pressure[i]);
            w.WriteNumberOrNull("demand", step.Demand[i]);
            if (step.NodeQuality is { } q) w.WriteNumberOrNull("quality", q[i]);
            else w.WriteNull("quality");
            w.WriteString("type", ElementTypeName.Node(i, net.JunctionCount, net.ReservoirCount));
            int t = i - net.JunctionCount - net.ReservoirCount;
            if (t >= 0) w.WriteNumberOrNull("tank_level", step.TankLevel[t]);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("links");
        for (int k = 0; k < net.LinkCount; k++)
        {
            double flow = step.Flow[k], diameter = net.Diameter[k];
            bool closed = step.Status[k] <= EpsStatus.Closed;
            w.WriteStartObject();
            w.WriteString("id", net.LinkIds[k]);
            w.WriteNumberOrNull("flow", flow);
            w.WriteNumberOrNull("velocity", net.Type[k] == EpsLinkType.Pump || diameter <= 0 ? null : LinkFormulas.Velocity(flow, diameter));
            w.WriteNumberOrNull("headloss", step.Head[net.From[k]] - step.Head[net.To[k]]);
            // Reynolds number and regime of open pipes, as the snapshot gives them; null for pumps, valves, closed links.
            double? reynolds = net.Type[k] <= EpsLinkType.CheckValvePipe && !closed && diameter > 0
                ? LinkFormulas.Reynolds(flow, diameter, viscosity) : null;
            w.WriteNumberOrNull("reynolds", reynolds);
            if (reynolds is { } re) w.WriteString("regime", LinkFormulas.Regime(re).Name());
            else w.WriteNull("regime");
            w.WriteString("status", StatusName(step.Status[k]));
            if (StatusDetail(step.Status[k]) is { } detail) w.WriteString("status_detail", detail);
            w.WriteString("type", ElementTypeName.Link(net.Type[k]));
            if (net.Type[k] > EpsLinkType.CheckValvePipe)
            {
                w.WriteNumberOrNull("setting", step.Setting[k]);
            }
            if (step.LinkQuality is { } lq) w.WriteNumberOrNull("quality", lq[k]);
            else w.WriteNull("quality"); // as the nodes do: the key is always there for scripts
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private void WritePumps(Utf8JsonWriter w)
    {
        var net = run.Network;
        var e = run.Energy;
        double hours = Math.Max(e.Hours, 1e-12);
        w.WriteStartArray("pumps");
        for (int u = 0; u < net.PumpCount; u++)
        {
            double on = e.HoursOnline[u];
            w.WriteStartObject();
            w.WriteString("id", net.LinkIds[net.Pumps[u].Link]);
            w.WriteNumberOrNull("utilization", 100.0 * on / hours);
            w.WriteNumberOrNull("efficiency", on > 0 ? 100.0 * e.EfficiencyHours[u] / on : 0);
            w.WriteNumberOrNull("kwh_per_m3", on > 0 ? e.KilowattHoursPerCubicMeterHours[u] / on : 0);
            w.WriteNumberOrNull("average_kw", on > 0 ? e.KilowattHours[u] / on : 0);
            w.WriteNumberOrNull("peak_kw", e.PeakKilowatts[u]);
            w.WriteNumberOrNull("kwh", e.KilowattHours[u]);
            w.WriteNumberOrNull("cost_per_day", e.Cost[u] * 24.0 / hours);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNumberOrNull("demand_charge", net.Energy.DemandCharge * e.PeakTotalKilowatts);
    }

    /// <summary>
    /// The step's lowest pressure over junctions still connected to a source ("12.34 m at 10"), with how many are cut
    /// off from every reservoir and tank (their pressures are not meaningful), as the batch reports take it.
    /// </summary>
    internal static string LowestPressure(EpsNetwork net, EpsStep step)
    {
        var inv = CultureInfo.InvariantCulture;
        int low = -1;
        for (int j = 0; j < net.JunctionCount; j++)
        {
            if (step.CutOff?[j] == true) continue;
            if (low < 0 || step.Pressure[j] < step.Pressure[low]) low = j;
        }
        int cut = step.CutOffCount;
        if (low < 0) return cut > 0 ? $"  every junction cut off ({cut})" : "  -";
        string text = string.Format(inv, "  {0:F2} m at {1}", step.Pressure[low], net.NodeIds[low]);
        return cut > 0 ? text + $" ({cut} cut off)" : text;
    }

    public string ToText()
    {
        var inv = CultureInfo.InvariantCulture;
        var net = run.Network;
        var sb = new StringBuilder();
        sb.Append(inv, $"{file}: extended period {ExtendedPeriodSimulation.Clock((long)net.Times.Duration)} in {run.Periods.Count} hydraulic periods, {run.Steps.Count} report steps, {run.TotalTrials} trials\n");
        foreach (var warning in run.Warnings) sb.Append("  warning: ").Append(warning).Append('\n');
        int firstTank = net.JunctionCount + net.ReservoirCount;
        var pumps = net.Pumps.Select(p => p.Link).ToArray();
        sb.Append("  time    ");
        for (int t = 0; t < net.TankCount; t++) sb.Append(inv, $"{"tank " + net.NodeIds[firstTank + t] + " (m)",16}");
        foreach (int k in pumps) sb.Append(inv, $"{"pump " + net.LinkIds[k],14}");
        sb.Append("  lowest pressure\n");
        foreach (var step in run.Steps)
        {
            sb.Append(inv, $"  {ExtendedPeriodSimulation.Clock(step.Time),-8}");
            foreach (double level in step.TankLevel) sb.Append(inv, $"{level,16:F3}");
            foreach (int k in pumps) sb.Append(inv, $"{StatusName(step.Status[k]),14}");
            sb.Append(LowestPressure(net, step)).Append('\n');
        }
        var e = run.Energy;
        for (int u = 0; u < net.PumpCount; u++)
        {
            double on = e.HoursOnline[u];
            sb.Append(inv, $"  pump {net.LinkIds[net.Pumps[u].Link]}: on {100.0 * on / Math.Max(e.Hours, 1e-12):F1} % of the time, {e.KilowattHours[u]:F1} kWh, peak {e.PeakKilowatts[u]:F2} kW, cost {e.Cost[u] * 24.0 / Math.Max(e.Hours, 1e-12):F2} per day\n");
        }
        return sb.ToString();
    }
}
