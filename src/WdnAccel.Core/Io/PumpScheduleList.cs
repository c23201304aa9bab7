namespace WdnAccel.Core.Io;

/// <summary>
/// Pump schedules read from a file (<see cref="PumpScheduleFile"/>): the pumps the file names (in the order it first
/// names them; the others keep the network's own operation) and the schedules, each with a row of speeds per pump.
/// </summary>
public sealed record PumpScheduleList(string Path, IReadOnlyList<string> Pumps, IReadOnlyList<ListedPumpSchedule> Schedules);
