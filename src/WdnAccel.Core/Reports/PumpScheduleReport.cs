using System.Globalization;
using System.Text;
using System.Text.Json;
using WdnAccel.Core.Hydraulics.Eps;
using WdnAccel.Core.Io;

namespace WdnAccel.Core.Reports;

/// <summary>
/// A pump-schedule batch, random or read from a file (<paramref name="source"/>): energy and cost per schedule, lowest
/// pressure, tank balance, and the time it took. <paramref name="pumpIds"/> are the network's pumps, the order of each
/// schedule's rows.
/// </summary>
public sealed class PumpScheduleReport(EpsLaneOutcome<PumpScheduleCandidate> outcome, string file, int seed,
    IReadOnlyList<string>? pumpIds = null, PumpScheduleList? source = null)
{
    public double MicrosecondsPerCandidateHour => EpsLaneReport.MicrosecondsPerRunHour(outcome);

    public void WriteJson(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("file", file);
        w.WriteNumber("schedules", outcome.Candidates.Count);
        w.WriteNumber("seed", seed);
        w.WriteNumber("periods_per_schedule", outcome.Periods);
        w.WriteString("schedules_from", source is null ? "random on/off schedules" : "file");
        if (source is not null) w.WriteString("schedules_file", source.Path);
        if (pumpIds is not null) EpsLaneReport.WriteStrings(w, "pumps", pumpIds);
        EpsLaneReport.WriteRunJson(w, outcome, "schedule_hours_per_second", source is null ? null : s => s.WriteString("schedules_file", source.Path));
        EpsLaneReport.WriteStrings(w, "notes", outcome.Notes);
        w.WriteStartArray("candidates");
        foreach (var c in outcome.Candidates)
        {
            w.WriteStartObject();
            w.WriteNumber("index", c.Index);
            if (c.Id is not null) w.WriteString("id", c.Id);
            // Per pump: "1" per period on, "0" off; null for a pump the schedule file leaves to its own operation.
            w.WriteStartArray("schedule");
            foreach (var pump in c.Speeds)
            {
                if (pump is null) w.WriteNullValue();
                else w.WriteStringValue(string.Concat(pump.Select(s => s > 0 ? '1' : '0')));
            }
            w.WriteEndArray();
            if (source is not null)
            {
                w.WriteStartArray("speeds");
                foreach (var pump in c.Speeds)
                {
                    if (pump is null) w.WriteNullValue();
                    else
                    {
                        w.WriteStartArray();
                        foreach (var v in pump) w.WriteNumberValue(v);
                        w.WriteEndArray();
                    }
                }
                w.WriteEndArray();
            }
            w.WriteNumberOrNull("energy_kwh", c.KilowattHours);
            w.WriteNumberOrNull("energy_cost", c.EnergyCost);
            w.WriteNumberOrNull("min_pressure", c.MinPressure);
            w.WriteString("min_pressure_node", c.MinPressureNode);
            EpsLaneReport.WriteNumbers(w, "tank_level_change", c.TankLevelChange);
            w.WriteNumber("cut_off_steps", c.CutOffSteps);
            w.WriteBoolean("converged", c.Converged);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public string ToText()
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        var c = outcome.Candidates;
        if (source is null) sb.Append(inv, $"{file}: {c.Count} pump schedules ({outcome.Periods} periods each, seed {seed}) ");
        else sb.Append(inv, $"{file}: {c.Count} pump schedules of {source.Path} (pumps {string.Join(" ", source.Pumps)}; {outcome.Periods} periods each) ");
        EpsLaneReport.AppendRunText(sb, outcome, "schedule");
        var cheapest = c.Where(x => x.Converged && x.CutOffSteps == 0).OrderBy(x => x.EnergyCost).ThenBy(x => x.KilowattHours).Take(5);
        // Converged with no junction cut off from every source: connected, which says nothing of pressure (a schedule
        // that leaves a junction at -200 m still counts); the lowest pressure is shown for each so that it can be read.
        sb.Append(inv, $"  schedules that converge with every junction connected to a source throughout (pressures not checked): {c.Count(x => x.Converged && x.CutOffSteps == 0)}; the cheapest (energy cost, kWh, lowest pressure, tank level change):\n");
        foreach (var x in cheapest)
        {
            sb.Append(inv, $"    {EpsLaneReport.Label(x.Index, x.Id)}: {x.EnergyCost:F2}, {x.KilowattHours:F1} kWh, {x.MinPressure:F2} m at {x.MinPressureNode}, tanks {string.Join(" ", x.TankLevelChange.Select(d => SignedNumber.Format(d)))} m\n");
        }
        sb.Append(inv, $"  did not converge: {c.Count(x => !x.Converged)}\n");
        return sb.ToString();
    }
}
