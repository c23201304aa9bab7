using System.Globalization;

namespace WdnAccel.Core.Io;

/// <summary>
/// Reads pump schedules from a CSV file: one row per schedule and pump, <c>schedule id, pump id, v1, v2, ...</c>, with one
/// value per pattern period of the run (or per pattern period of one day, repeated every day): 0 or 1 for off and on, or
/// a relative speed &gt;= 0. An optional header row starts with <c>schedule,pump</c>. Every schedule gives a row for
/// every pump the file names; pumps the file does not name keep the network's operation. Problems name the file, the
/// line and the field, and what was expected.
/// </summary>
public static class PumpScheduleFile
{
    public const string Shape = "one row per schedule and pump: schedule id, pump id, then one speed per pattern period (0 = off, 1 = on)";

    /// <param name="pumpIds">The network's pump ids.</param>
    /// <param name="periods">Pattern periods of the run: the values a row must give.</param>
    /// <param name="dailyPeriods">Pattern periods of one day (0 where the pattern step does not divide a day): also accepted, repeated every day.</param>
    /// <param name="periodText">How a period reads in messages ("1:00").</param>
    public static PumpScheduleList Read(string path, IReadOnlyCollection<string> pumpIds, int periods, int dailyPeriods, string periodText)
    {
        InputFile.Require(path, "pump schedule file");
        if (!string.Equals(Path.GetExtension(path), ".csv", StringComparison.OrdinalIgnoreCase))
            throw new InvalidInputException($"unknown pump schedule file type; expected .csv ({Shape})", path);
        var pumps = pumpIds as IReadOnlySet<string> ?? new HashSet<string>(pumpIds, StringComparer.Ordinal);
        var records = CsvReader.Read(StrictText.ReadFile(path), path).ToList();
        if (records.Count > 0 && records[0].Fields.Count >= 2
            && records[0].Fields[0].Trim().Equals("schedule", StringComparison.OrdinalIgnoreCase)
            && records[0].Fields[1].Trim().Equals("pump", StringComparison.OrdinalIgnoreCase))
            records.RemoveAt(0);
        if (records.Count == 0) throw new InvalidInputException($"the file holds no schedule; expected {Shape}", path, line: 1);
        string expected = dailyPeriods > 0 && dailyPeriods != periods
            ? $"{periods} values (one per pattern period of {periodText} over the run) or {dailyPeriods} (one day, repeated)"
            : $"{periods} values (one per pattern period of {periodText} over the run)";
        var order = new List<string>();
        var rows = new Dictionary<string, (int Line, Dictionary<string, double[]> Speeds)>(StringComparer.Ordinal);
        var scheduleOrder = new List<string>();
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in records)
        {
            if (r.Fields.Count < 3) throw new InvalidInputException($"{r.Fields.Count} field(s); expected {Shape}", path, r.Line);
            string id = r.Fields[0].Trim();
            string pump = r.Fields[1].Trim();
            if (id.Length == 0) throw new InvalidInputException("the schedule id is empty", path, r.Line, "schedule");
            if (!pumps.Contains(pump)) throw new InvalidInputException($"unknown pump id '{pump}' (not a pump of the network)", path, r.Line, "pump");
            int count = r.Fields.Count - 2;
            if (count != periods && !(dailyPeriods > 0 && count == dailyPeriods))
                throw new InvalidInputException($"{count} value(s) for pump '{pump}'; expected {expected}", path, r.Line);
            var speeds = new double[count];
            for (int k = 0; k < count; k++)
            {
                string text = r.Fields[k + 2].Trim();
                string field = $"period {k + 1}";
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v) || v < 0)
                    throw new InvalidInputException($"'{text}' is not a pump speed; expected 0 (off), 1 (on) or a relative speed >= 0", path, r.Line, field);
                speeds[k] = v;
            }
            if (!rows.TryGetValue(id, out var schedule))
            {
                rows[id] = schedule = (r.Line, new Dictionary<string, double[]>(StringComparer.Ordinal));
                scheduleOrder.Add(id);
            }
            if (!schedule.Speeds.TryAdd(pump, speeds))
                throw new InvalidInputException($"schedule '{id}' gives pump '{pump}' twice", path, r.Line, "pump");
            if (!firstLine.ContainsKey(pump))
            {
                firstLine[pump] = r.Line;
                order.Add(pump);
            }
        }
        var schedules = new List<ListedPumpSchedule>(scheduleOrder.Count);
        foreach (var id in scheduleOrder)
        {
            var (line, speeds) = rows[id];
            foreach (var pump in order)
            {
                if (!speeds.ContainsKey(pump))
                    throw new InvalidInputException($"schedule '{id}' has no row for pump '{pump}' (the file schedules it from line {firstLine[pump]}): every schedule gives every pump the file names", path, line, "pump");
            }
            schedules.Add(new ListedPumpSchedule(id, line, order.Select(p => speeds[p]).ToArray()));
        }
        return new PumpScheduleList(path, order, schedules);
    }
}
