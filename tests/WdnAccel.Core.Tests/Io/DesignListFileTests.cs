using WdnAccel.Core.Io;
using WdnAccel.Core.Model;
using Xunit;

namespace WdnAccel.Core.Tests.Io;

public class DesignListFileTests
{
    private static readonly HashSet<string> Pipes = ["p1", "p2", "id2"];

    private static string Write(string name, string text)
    {
        string dir = Path.Combine(Path.GetTempPath(), "wdnaccel-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void The_diameter_unit_is_the_network_files_own()
    {
        var us = new Network { Options = new HydraulicOptions { FlowUnits = FlowUnits.GPM } };
        var si = new Network { Options = new HydraulicOptions { FlowUnits = FlowUnits.LPS } };
        Assert.Equal(DiameterUnit.Inch, DiameterUnit.Of("a/Net1.inp", us));
        Assert.Equal(DiameterUnit.Millimetre, DiameterUnit.Of("b.INP", si));
        Assert.Equal(DiameterUnit.Metre, DiameterUnit.Of("c.wdn", us));
        Assert.Equal(DiameterUnit.Metre, DiameterUnit.Of("c.json", si));
    }

    [Fact]
    public void Csv_rows_become_designs_in_m_an_empty_cell_keeps_the_pipe_and_quoted_ids_are_read()
    {
        var list = DesignListFile.Read(Write("d.csv", "\uFEFFid, p2 ,p1\r\n\"a, first\",300,\r\n\r\nb,,250.5\r\n"), Pipes, DiameterUnit.Millimetre);
        Assert.Equal(["p2", "p1"], list.Pipes);
        Assert.Equal(["a, first", "b"], list.Designs.Select(d => d.Id));
        Assert.Equal("line 2", list.Designs[0].Where);
        Assert.Equal("line 4", list.Designs[1].Where);
        Assert.Equal(0.3, list.Designs[0].Diameters["p2"], 15);
        Assert.False(list.Designs[0].Diameters.ContainsKey("p1"));
        Assert.Equal(0.2505, list.Designs[1].Diameters["p1"], 15);
        Assert.Equal(DiameterUnit.Millimetre, list.Unit);
    }

    [Fact]
    public void A_pipe_named_id_is_a_pipe_column_not_the_id_column()
    {
        var pipes = new HashSet<string>(["id", "p1"]);
        var list = DesignListFile.Read(Write("d.csv", "id,p1\n0.3,0.2\n"), pipes, DiameterUnit.Metre);
        Assert.Equal(["id", "p1"], list.Pipes);
        Assert.Equal("1", Assert.Single(list.Designs).Id);
    }

    [Fact]
    public void Json_designs_may_name_different_pipes_and_the_pipes_are_listed_in_first_named_order()
    {
        var list = DesignListFile.Read(Write("d.json", "{\"designs\":[{\"id\":7,\"diameters\":{\"p2\":0.3}},{\"id\":\"x\",\"diameters\":{\"p1\":0.2,\"p2\":0.1}}]}"), Pipes, DiameterUnit.Metre);
        Assert.Equal(["p2", "p1"], list.Pipes);
        Assert.Equal(["7", "x"], list.Designs.Select(d => d.Id));
        Assert.Equal("designs[1]", list.Designs[1].Where);
        Assert.Equal(0.2, list.Designs[1].Diameters["p1"]);
    }

    [Theory]
    [InlineData("d.csv", "id,p1\na,Infinity\n", "line 2, field 'p1'")]
    [InlineData("d.csv", "id,p1\na,1e400\n", "line 2, field 'p1'")]
    [InlineData("d.csv", "id,,p1\na,1,2\n", "line 1, field 'column 2'")]
    [InlineData("d.csv", "id\na\n", "line 1")]
    [InlineData("d.json", "{\"designs\": [{\"id\": true, \"diameters\": {}}]}", "field 'designs[0].id'")]
    [InlineData("d.json", "{\"designs\": [3]}", "field 'designs[0]'")]
    [InlineData("d.json", "{\"designs\": [{\"id\": 1, \"diameters\": {\"p1\": 1}}\n", "line 2, byte 1")] // 1-based, as the line
    public void Broken_files_name_the_place(string name, string text, string where)
    {
        string path = Write(name, text);
        var e = Assert.Throws<InvalidInputException>(() => DesignListFile.Read(path, Pipes, DiameterUnit.Metre));
        Assert.StartsWith($"{path}, {where}: ", e.Message);
    }
}
