using System.Globalization;
using System.Text;
using System.Text.Json;
using WdnAccel.Core.Hydraulics.Eps;
using WdnAccel.Core.Io;
using WdnAccel.Core.Model;

namespace WdnAccel.Core.Reports;

/// <summary>What the pump-schedule, demand-scenario and design reports share: time, throughput, settings and notes of the batch.</summary>
public static class EpsLaneReport
{
    public static double MicrosecondsPerRunHour<T>(EpsLaneOutcome<T> o) => o.CandidateHours > 0 ? o.Seconds * 1e6 / o.CandidateHours : 0;
    public static double RunHoursPerSecond<T>(EpsLaneOutcome<T> o) => o.Seconds > 0 ? o.CandidateHours / o.Seconds : 0;
    public static double RunsPerSecond<T>(EpsLaneOutcome<T> o) => o.Seconds > 0 ? o.Candidates.Count / o.Seconds : 0;

    /// <summary>seconds, candidate_hours, µs per run-hour, threads, backend, path, settings{...}, the rate under <paramref name="rateName"/>.</summary>
    public static void WriteRunJson<T>(Utf8JsonWriter w, EpsLaneOutcome<T> outcome, string rateName, Action<Utf8JsonWriter>? moreSettings = null)
    {
        w.WriteNumber("seconds", outcome.Seconds);
        w.WriteNumber("candidate_hours", outcome.CandidateHours);
        w.WriteNumber("microseconds_per_candidate_hour", MicrosecondsPerRunHour(outcome));
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
        moreSettings?.Invoke(w);
        if (outcome.Hydraulics is { } h)
        {
            w.WriteString("head_loss", h.HeadLoss.InpKeyword());
            w.WriteNumber("omega", h.Omega);
            w.WriteNumber("accuracy", h.Accuracy);
            w.WriteNumber("max_trials", h.MaxTrials);
        }
        w.WriteString("version", ProductVersion.Text);
        w.WriteEndObject();
        w.WriteNumber(rateName, RunHoursPerSecond(outcome));
        // A run without a duration (designs at time zero) has no run-hours to count.
        w.WriteNumber("runs_per_second", RunsPerSecond(outcome));
    }

    public static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }

    public static void WriteNumbers(Utf8JsonWriter w, string name, IEnumerable<double> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteNumberValueOrNull(v); // tank levels of a diverged run are NaN
        w.WriteEndArray();
    }

    /// <summary>What every run of a demand-scenario or design batch reports: its lowest pressure (where, when), final tank levels, energy and health.</summary>
    public static void WriteRunFields(Utf8JsonWriter w, double minPressure, string node, long time, IEnumerable<double> finalTankLevels,
        double kilowattHours, double energyCost, double energyCostPerDay, int cutOffSteps, bool converged)
    {
        w.WriteNumberOrNull("min_pressure", minPressure);
        w.WriteString("min_pressure_node", node);
        w.WriteNumber("min_pressure_time", time);
        w.WriteString("min_pressure_clock", ExtendedPeriodSimulation.Clock(time));
        WriteNumbers(w, "final_tank_levels", finalTankLevels);
        w.WriteNumberOrNull("energy_kwh", kilowattHours);
        w.WriteNumberOrNull("energy_cost", energyCost);
        w.WriteNumberOrNull("energy_cost_per_day", energyCostPerDay);
        w.WriteNumber("cut_off_steps", cutOffSteps);
        w.WriteBoolean("converged", converged);
    }

    /// <summary>"in 1.23 s on 2 thread(s) = … µs per run-hour (… run-hours/s)", the path line and the notes.</summary>
    public static void AppendRunText<T>(StringBuilder sb, EpsLaneOutcome<T> outcome, string run)
    {
        var inv = CultureInfo.InvariantCulture;
        if (outcome.CandidateHours > 0)
            sb.Append(inv, $"in {outcome.Seconds:F2} s on {outcome.Threads} thread(s) = {MicrosecondsPerRunHour(outcome):F1} µs per {run}-hour ({RunHoursPerSecond(outcome):F0} {run}-hours/s)\n");
        else // at time zero alone: no run-hours
            sb.Append(inv, $"in {outcome.Seconds:F2} s on {outcome.Threads} thread(s) = {RunsPerSecond(outcome):F0} {run}s/s\n");
        sb.Append(inv, $"  {outcome.Path}: {outcome.Backend}");
        if (outcome.Path == "batched") sb.Append(inv, $"; {outcome.Rounds} rounds, {outcome.BatchedPeriods} periods in the batch, {outcome.ScalarPeriods} re-solved by the scalar engine, {outcome.SolveSeconds:F2} s in the backend's solves");
        sb.Append('\n');
        foreach (var n in outcome.Notes) sb.Append("  note: ").Append(n).Append('\n');
    }

    /// <summary>A run's name in the text reports: its id from a file, else its index.</summary>
    public static string Label(int index, string? id) => id is null ? $"#{index}" : $"'{id}'";

    /// <summary>", levels at the end of tanks T1 T2" for a column heading, or nothing without tanks.</summary>
    public static string TankHeading(IReadOnlyList<string> tankIds) =>
        tankIds.Count > 0 ? $", levels at the end of tanks {string.Join(" ", tankIds)}" : "";

    /// <summary>A run's line: ", tanks 1.00 2.00 m" where there are tanks, then ", 12.34/day".</summary>
    public static void AppendTanksAndDailyCost(StringBuilder sb, double[] finalTankLevels, double costPerDay)
    {
        var inv = CultureInfo.InvariantCulture;
        if (finalTankLevels.Length > 0) sb.Append(inv, $", tanks {string.Join(" ", finalTankLevels.Select(d => d.ToString("F2", inv)))} m");
        sb.Append(inv, $", {costPerDay:F2}/day\n");
    }

    /// <summary>The closing line: runs that did not converge, and those that cut junctions off at some report time.</summary>
    public static void AppendFailures(StringBuilder sb, int notConverged, int cutOff) =>
        sb.Append(CultureInfo.InvariantCulture, $"  did not converge: {notConverged}; with junctions cut off at some report time: {cutOff}\n");
}
