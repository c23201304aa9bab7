using WdnAccel.Core.Io;

namespace WdnAccel.Core.Tests.Io;

/// <summary>A run ended by a signal runs no finally block: the interrupt handler removes the temporary file of a write in progress.</summary>
public sealed class AtomicFileInterruptTests
{
    [Fact]
    public void The_temporary_file_of_a_write_in_progress_is_deleted_and_the_target_never_appears()
    {
        string folder = Path.Combine(Path.GetTempPath(), $"wdnaccel-atomic-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        string target = Path.Combine(folder, "answer.json");
        using var halfWritten = new ManualResetEventSlim();
        using var resume = new ManualResetEventSlim();
        string? temp = null;
        var writer = Task.Run(() => AtomicFile.Write(target, t =>
        {
            temp = t;
            File.WriteAllText(t, "{\"half\": ");
            halfWritten.Set();
            resume.Wait(TimeSpan.FromSeconds(30));
        }));
        Assert.True(halfWritten.Wait(TimeSpan.FromSeconds(30)));
        Assert.True(File.Exists(temp));

        Assert.Equal(1, AtomicFile.DeleteInFlight(folder));
        Assert.False(File.Exists(temp));
        resume.Set();
        // The write cannot finish without its temporary file: it fails rather than rename something else over the target.
        Assert.ThrowsAny<IOException>(() => writer.GetAwaiter().GetResult());
        Assert.False(File.Exists(target));
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public void Finished_writes_leave_nothing_to_delete()
    {
        string folder = Path.Combine(Path.GetTempPath(), $"wdnaccel-atomic-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        string target = Path.Combine(folder, "done.json");
        AtomicFile.WriteAllText(target, "{}");
        Assert.Equal(0, AtomicFile.DeleteInFlight(folder));
        Assert.Equal("{}", File.ReadAllText(target));
    }
}
