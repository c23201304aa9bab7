namespace WdnAccel.Kernels;

/// <summary>
/// Work items 0..count−1 on up to a given number of worker threads, each with scratch of its own and running whole
/// items (no synchronization inside one). Items are handed out in short runs from a shared counter rather than as one
/// fixed range per thread: on a shared machine a descheduled thread would otherwise leave the others waiting (and
/// spinning) at the end.
/// </summary>
internal static class SharedCounterRuns
{
    /// <param name="maxRun">The longest run a worker takes at once (a run is about 1/16 of a worker's share).</param>
    /// <param name="rent">Scratch for one worker; <paramref name="giveBack"/> receives it when the worker is done.</param>
    public static void Run<TScratch>(int count, int workers, int maxRun, Func<TScratch> rent, Action<TScratch> giveBack, Action<TScratch, int> item)
    {
        workers = Math.Min(count, Math.Max(1, workers));
        if (workers <= 1)
        {
            var scratch = rent();
            for (int i = 0; i < count; i++) item(scratch, i);
            giveBack(scratch);
            return;
        }
        int run = Math.Clamp(count / (workers * 16), 1, maxRun), next = 0;
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, _ =>
        {
            var scratch = rent();
            while (true)
            {
                int first = Interlocked.Add(ref next, run) - run;
                if (first >= count) break;
                int last = Math.Min(count, first + run);
                for (int i = first; i < last; i++) item(scratch, i);
            }
            giveBack(scratch);
        });
    }
}
