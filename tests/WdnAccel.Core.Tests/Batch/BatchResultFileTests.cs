using WdnAccel.Core.Batch;
using WdnAccel.Core.Io;
using WdnAccel.Core.Tests.Io.Msgpack;

namespace WdnAccel.Core.Tests.Batch;

/// <summary>The result stream: records appended one at a time read back whole; a torn last record is found and cut; Python reads it.</summary>
public sealed class BatchResultFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wdnaccel-batch-").FullName;
    private string Results => Path.Combine(_dir, BatchResultFile.FileName);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static BatchRecord Record(int i) => new BatchRecord($"job-{i}", i % 3 == 0 ? "failed" : "ok")
        .Add("best_cost", 1000.5 * i).Add("feasible", i % 2 == 0).Add("evaluations", 100L * i).Add("seconds", 0.25 * i);

    private void Write(int count)
    {
        using var stream = BatchResultFile.OpenForAppend(Results, 0);
        for (int i = 0; i < count; i++) stream.Append(Record(i));
    }

    [Fact]
    public void Appended_records_read_back_in_order_with_their_fields()
    {
        Write(5);
        var (records, length, torn) = BatchResultFile.Read(Results);
        Assert.False(torn);
        Assert.Equal(new FileInfo(Results).Length, length);
        Assert.Equal(["job-0", "job-1", "job-2", "job-3", "job-4"], records.Select(r => r.Job));
        Assert.Equal("failed", records[3].Status);
        Assert.Equal(3001.5, records[3]["best_cost"]!.AsDouble());
        Assert.Equal(Record(4).Encode(), records[4].Encode());
    }

    [Fact]
    public void A_torn_last_record_is_reported_and_cut_off_when_appending_again()
    {
        Write(4);
        long full = new FileInfo(Results).Length;
        long lastStart = BatchResultFile.Read(Results).Records.Take(3).Sum(r => (long)r.Encode().Length);
        using (var f = new FileStream(Results, FileMode.Open)) f.SetLength(lastStart + 7); // killed while writing record 3
        var (records, valid, torn) = BatchResultFile.Read(Results);
        Assert.True(torn);
        Assert.Equal(3, records.Count);
        Assert.Equal(lastStart, valid);
        using (var stream = BatchResultFile.OpenForAppend(Results, valid)) stream.Append(Record(3));
        Assert.Equal(full, new FileInfo(Results).Length);
        Assert.Equal(4, BatchResultFile.Read(Results).Records.Count);
    }

    [Fact]
    public void A_stream_of_something_else_is_an_input_error_naming_the_record()
    {
        File.WriteAllBytes(Results, [.. Record(0).Encode(), 0x93, 0x01, 0x02, 0x03]); // a record, then an array
        var e = Assert.Throws<InvalidInputException>(() => BatchResultFile.Read(Results));
        Assert.Contains("record 1", e.Message);
    }

    [PythonMsgpackFact]
    public void Python_msgpack_reads_every_record()
    {
        Write(4);
        var (code, stdout, stderr) = PythonMsgpack.Run(
            "import msgpack,sys\nrs=list(msgpack.Unpacker(open(sys.argv[1],'rb'),raw=False))\nprint(len(rs), rs[2]['job'], rs[2]['best_cost'], rs[3]['status'])",
            Results);
        Assert.True(code == 0, stderr);
        Assert.Equal("4 job-2 2001.0 failed", stdout.Trim());
    }
}
