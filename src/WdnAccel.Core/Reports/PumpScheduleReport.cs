using System.Globalization;
using System.Text;
using System.Text.Json;
using WdnAccel.Core.Hydraulics.Eps;

namespace WdnAccel.Core.Reports;

/// <summary>A pump-schedule batch: energy and cost per schedule, lowest pressure, tank balance, and the time it took.</summary>
public sealed class PumpScheduleReport(PumpScheduleBatch.Outcome outcome, string file, int seed)
{
    public double MicrosecondsPerCandidateHour => outcome.CandidateHours > 0 ? outcome.Seconds * 1e6 / outcome.CandidateHours : 0;

    public void WriteJson(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("file", file);
        w.WriteNumber("schedules", outcome.Candidates.Count);
        w.WriteNumber("seed", seed);
        w.WriteNumber("periods_per_schedule", outcome.Periods);
        w.WriteNumber("seconds", outcome.Seconds);
        w.WriteNumber("candidate_hours", outcome.CandidateHours);
        w.WriteNumber("microseconds_per_candidate_hour", MicrosecondsPerCandidateHour);
        w.WriteNumber("threads", outcome.Threads);
        w.WriteString("backend", outcome.Backend);
        w.WriteString("path", outcome.Path);
        w.WriteStartObject("settings");
        w.WriteString("backend", outcome.Backend);
        w.WriteString("path", outcome.Path);
        w.WriteNumber("threads", outcome.Threads);
        if (outcome.Path == "batched")
        {
            w.WriteNumber("lanes", outcome.Lanes);
            w.WriteNumber("rounds", outcome.Rounds);
            w.WriteNumber("batched_periods", outcome.BatchedPeriods);
            w.WriteNumber("scalar_periods", outcome.ScalarPeriods);
            w.WriteNumber("solve_seconds", outcome.SolveSeconds);
        }
        w.WriteEndObject();
        w.WriteNumber("schedule_hours_per_second", outcome.Seconds > 0 ? outcome.CandidateHours / outcome.Seconds : 0);
        w.WriteStartArray("notes");
        foreach (var n in outcome.Notes) w.WriteStringValue(n);
        w.WriteEndArray();
        w.WriteStartArray("candidates");
        foreach (var c in outcome.Candidates)
        {
            w.WriteStartObject();
            w.WriteNumber("index", c.Index);
            w.WriteStartArray("schedule");
            foreach (var pump in c.Speeds) w.WriteStringValue(string.Concat(pump.Select(s => s > 0 ? '1' : '0')));
            w.WriteEndArray();
            w.WriteNumber("energy_kwh", c.KilowattHours);
            w.WriteNumber("energy_cost", c.EnergyCost);
            w.WriteNumber("min_pressure", c.MinPressure);
            w.WriteString("min_pressure_node", c.MinPressureNode);
            w.WriteStartArray("tank_level_change");
            foreach (double d in c.TankLevelChange) w.WriteNumberValue(d);
            w.WriteEndArray();
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
        sb.Append(inv, $"{file}: {c.Count} pump schedules ({outcome.Periods} periods each, seed {seed}) in {outcome.Seconds:F2} s on {outcome.Threads} thread(s) = {MicrosecondsPerCandidateHour:F1} µs per schedule-hour ({(outcome.Seconds > 0 ? outcome.CandidateHours / outcome.Seconds : 0):F0} schedule-hours/s)\n");
        sb.Append(inv, $"  {outcome.Path}: {outcome.Backend}");
        if (outcome.Path == "batched") sb.Append(inv, $"; {outcome.Rounds} rounds, {outcome.BatchedPeriods} periods in the batch, {outcome.ScalarPeriods} re-solved by the scalar engine, {outcome.SolveSeconds:F2} s in the backend's solves");
        sb.Append('\n');
        foreach (var n in outcome.Notes) sb.Append("  note: ").Append(n).Append('\n');
        var cheapest = c.Where(x => x.Converged && x.CutOffSteps == 0).OrderBy(x => x.EnergyCost).ThenBy(x => x.KilowattHours).Take(5);
        sb.Append(inv, $"  schedules that keep every junction supplied: {c.Count(x => x.Converged && x.CutOffSteps == 0)}; the cheapest (energy cost, kWh, lowest pressure, tank level change):\n");
        foreach (var x in cheapest)
        {
            sb.Append(inv, $"    #{x.Index}: {x.EnergyCost:F2}, {x.KilowattHours:F1} kWh, {x.MinPressure:F2} m at {x.MinPressureNode}, tanks {string.Join(" ", x.TankLevelChange.Select(d => d.ToString("+0.00;-0.00", inv)))} m\n");
        }
        sb.Append(inv, $"  did not converge: {c.Count(x => !x.Converged)}\n");
        return sb.ToString();
    }
}
