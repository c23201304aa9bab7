namespace WdnAccel.Core.Io;

/// <summary>
/// One pump schedule of a schedule file: its id, the line it starts on, and per pump the file names (in
/// <see cref="PumpScheduleList.Pumps"/>' order) its speed per pattern period (0 = off, 1 = on at full speed).
/// </summary>
public sealed record ListedPumpSchedule(string Id, int Line, IReadOnlyList<double[]> Speeds);
