using WdnAccel.Core.Io;
using Xunit;

namespace WdnAccel.Core.Tests.Io;

public class PumpScheduleFileTests
{
    private static readonly string[] Pumps = ["P1", "P2", "P3"];

    private static string Write(string text, string name = "s.csv")
    {
        string dir = Path.Combine(Path.GetTempPath(), "wdnaccel-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static PumpScheduleList Read(string text, int periods = 4, int daily = 2, string name = "s.csv") =>
        PumpScheduleFile.Read(Write(text, name), Pumps, periods, daily, "6:00");

    [Fact]
    public void Rows_group_by_schedule_in_the_order_of_the_file_and_pumps_in_the_order_first_named()
    {
        var list = Read("schedule,pump,a,b,c,d\nx,P2,1,0,1,0\nx,P1,0.5,1,1,0\ny,P1,1,1\ny,P2,0,0,0,0\n");
        Assert.Equal(["P2", "P1"], list.Pumps);
        Assert.Equal(["x", "y"], list.Schedules.Select(s => s.Id));
        Assert.Equal(2, list.Schedules[0].Line);
        Assert.Equal([1.0, 0, 1, 0], list.Schedules[0].Speeds[0]);
        Assert.Equal([0.5, 1, 1, 0], list.Schedules[0].Speeds[1]);
        Assert.Equal([1.0, 1], list.Schedules[1].Speeds[1]); // one day of values, repeated
    }

    [Fact]
    public void A_file_without_a_header_is_read_from_its_first_row()
    {
        var list = Read("x,P3,1,0,1,0\n");
        Assert.Equal(["P3"], list.Pumps);
        Assert.Equal(1, Assert.Single(list.Schedules).Line);
    }

    [Theory]
    [InlineData("", "line 1", "holds no schedule")]
    [InlineData("schedule,pump,a\n", "line 1", "holds no schedule")]
    [InlineData("x,P1\n", "line 1", "2 field(s)")]
    [InlineData("x,P9,1,1,1,1\n", "line 1, field 'pump'", "unknown pump id 'P9'")]
    [InlineData("x,P1,1,1,1\n", "line 1", "3 value(s) for pump 'P1'; expected 4 values (one per pattern period of 6:00 over the run) or 2 (one day, repeated)")]
    [InlineData("x,P1,1,1,1,1\nx,P2,1,-1,1,1\n", "line 2, field 'period 2'", "'-1' is not a pump speed")]
    [InlineData("x,P1,1,NaN,1,1\n", "line 1, field 'period 2'", "'NaN' is not a pump speed")]
    [InlineData("x,P1,1,on,1,1\n", "line 1, field 'period 2'", "'on' is not a pump speed")]
    [InlineData("x,P1,1,1,1,1\nx,P1,0,0,0,0\n", "line 2, field 'pump'", "schedule 'x' gives pump 'P1' twice")]
    [InlineData("x,P1,1,1,1,1\ny,P1,1,1,1,1\ny,P2,1,1,1,1\n", "line 1, field 'pump'", "schedule 'x' has no row for pump 'P2' (the file schedules it from line 3)")]
    [InlineData(",P1,1,1,1,1\n", "line 1, field 'schedule'", "schedule id is empty")]
    public void Broken_files_name_the_file_the_line_and_what_was_expected(string text, string where, string what)
    {
        string path = Write(text);
        var e = Assert.Throws<InvalidInputException>(() => PumpScheduleFile.Read(path, Pumps, 4, 2, "6:00"));
        Assert.StartsWith($"{path}, {where}: ", e.Message);
        Assert.Contains(what, e.Message);
    }

    [Fact]
    public void Only_csv_is_read()
    {
        var e = Assert.Throws<InvalidInputException>(() => Read("x,P1,1,1,1,1\n", name: "s.json"));
        Assert.Contains("expected .csv", e.Message);
    }
}
