using System.Runtime.InteropServices;
using WdnAccel.Cli.Tests.Support;

namespace WdnAccel.Cli.Tests;

/// <summary>Runs alone: <see cref="Interruption"/>'s state is the process's, shared by every verb run in it.</summary>
[CollectionDefinition(nameof(InterruptionStateCollection), DisableParallelization = true)]
public sealed class InterruptionStateCollection;

/// <summary>
/// What the Ctrl-C / SIGTERM line says depends on what the run keeps (batch: its finished jobs). A batch that stops on
/// an error must not leave that claim behind for a later signal or the next run in the process.
/// </summary>
[Collection(nameof(InterruptionStateCollection))]
public class InterruptionStateTests
{
    [Fact]
    public void A_batch_refused_mid_way_leaves_no_claim_of_finished_jobs()
    {
        string dir = CliRunner.TempDir(), stream = Path.Combine(dir, "s.wdnb"), results = Path.Combine(dir, "out");
        Assert.Equal(0, CliRunner.Run("batch", "plan", "--scenarios", CliRunner.Data("scenarios", "TLN.wdn"), "--out", stream).ExitCode);
        var first = CliRunner.Run("batch", stream, "--out", results, "--backend", "scalar");
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.DoesNotContain("--resume", Interruption.Message(PosixSignal.SIGTERM)); // a finished batch keeps nothing in flight
        // The same folder again without --resume: refused once the run has started on it.
        var again = CliRunner.Run("batch", stream, "--out", results, "--backend", "scalar");
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("pass --resume", again.Error);
        string line = Interruption.Message(PosixSignal.SIGTERM);
        Assert.DoesNotContain("jobs finished so far", line);
        Assert.Contains("stopped before its answer was written", line);
    }

    /// <summary>
    /// Two runs in one process (tests run verbs in-process, in parallel) that end in the order they began: each ends
    /// only its own claim. A saved-and-restored field left the first run's claim behind ("the jobs finished so far ...
    /// --resume" for every later run), which made the test above fail now and then.
    /// </summary>
    [Fact]
    public void Claims_ended_in_the_order_they_began_leave_nothing_behind()
    {
        var a = Interruption.Keeping("a's jobs");
        var b = Interruption.Keeping("b's jobs");
        Assert.Contains("b's jobs", Interruption.Message(PosixSignal.SIGINT));
        a.Dispose();
        Assert.Contains("b's jobs", Interruption.Message(PosixSignal.SIGINT));
        b.Dispose();
        Assert.Null(Interruption.Kept);
        var s1 = Interruption.VerbHandlesSignals();
        var s2 = Interruption.VerbHandlesSignals();
        s1.Dispose();
        Assert.True(Interruption.HandledByVerb);
        s2.Dispose();
        Assert.False(Interruption.HandledByVerb);
    }

    [Fact]
    public void Serve_hands_the_signals_back_when_it_stops()
    {
        // A refused option ends serve after it took the signals: later runs in the process must get them back.
        var r = CliRunner.Run("serve", "--port", "70000");
        Assert.Equal(2, r.ExitCode);
        Assert.False(Interruption.HandledByVerb);
    }
}
