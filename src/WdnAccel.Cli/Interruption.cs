using System.Runtime.InteropServices;
using WdnAccel.Core.Io;

namespace WdnAccel.Cli;

/// <summary>
/// Ctrl-C (SIGINT) and SIGTERM during a run: the process still ends at once with the signal's conventional status (130,
/// 143: 128 + the signal number, as shells report any program a signal ends), but not silently. One line on stderr says
/// what happened and what was kept, and the temporary file of a write in progress is removed, so no half-written file
/// is left beside the answer (every answer file is written whole, then renamed: <see cref="AtomicFile"/>).
/// `serve` handles both signals itself (a clean stop, exit 0) and cancels the default ending.
/// </summary>
public static class Interruption
{
    /// <summary>What the run keeps if interrupted now, when it keeps something (batch: its finished jobs); null: nothing.</summary>
    public static string? Kept => KeptClaims.Current;

    /// <summary>True while a verb handles the signals itself (`serve` stops cleanly with exit 0): no line, no cleanup here.</summary>
    public static bool HandledByVerb => HandledClaims.Current;

    private static readonly Claims<string?> KeptClaims = new(null);
    private static readonly Claims<bool> HandledClaims = new(false);

    /// <summary>
    /// <see cref="Kept"/> for the life of the returned object: an error that ends the work (a refused --out folder, a
    /// bad job) must not leave "the jobs finished so far are in ..." for a signal that comes later, nor for the next run
    /// in the same process (tests run verbs in-process, several at once).
    /// </summary>
    public static IDisposable Keeping(string kept) => KeptClaims.Claim(kept);

    /// <summary><see cref="HandledByVerb"/> for the life of the returned object (`serve`).</summary>
    public static IDisposable VerbHandlesSignals() => HandledClaims.Claim(true);

    /// <summary>
    /// The values runs in progress claim, the latest one current. Each claim removes only itself when it ends: a
    /// saved-and-restored field left the first run's value behind when two runs in one process ended in the order
    /// they began (A sets a, B sets b, A restores none, B restores a).
    /// </summary>
    private sealed class Claims<T>(T none)
    {
        private readonly List<Entry> _active = [];

        public T Current
        {
            get { lock (_active) return _active.Count > 0 ? _active[^1].Value : none; }
        }

        public IDisposable Claim(T value)
        {
            var entry = new Entry(value, this);
            lock (_active) _active.Add(entry);
            return entry;
        }

        private sealed class Entry(T value, Claims<T> owner) : IDisposable
        {
            public T Value { get; } = value;

            public void Dispose()
            {
                lock (owner._active) owner._active.Remove(this);
            }
        }
    }

    /// <summary>The line printed on <paramref name="signal"/>.</summary>
    public static string Message(PosixSignal signal)
    {
        var (name, code) = signal == PosixSignal.SIGTERM ? ("SIGTERM", 143) : ("SIGINT", 130);
        return Kept is { } kept
            ? $"interrupted by {name} (exit {code}): {kept}"
            : $"interrupted by {name} (exit {code}): the run stopped before its answer was written; files named by a \"wrote\" line above are complete, no other was written";
    }

    /// <summary>Installs the handlers for the life of the returned object. <paramref name="interactive"/>: stderr is a terminal, where a progress line may be open.</summary>
    public static IDisposable Register(TextWriter error, bool interactive)
    {
        void Handle(PosixSignalContext context)
        {
            if (HandledByVerb || context.Cancel) return;
            AtomicFile.DeleteInFlight();
            // A progress line drawn with \r is still open on a terminal: start on a fresh line.
            error.WriteLine((interactive ? Environment.NewLine : "") + Message(context.Signal));
            error.Flush();
            // context.Cancel stays false: the runtime then ends the process as the signal would.
        }
        var registrations = new[] { PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle) };
        return new Registrations(registrations);
    }

    private sealed class Registrations(PosixSignalRegistration[] registrations) : IDisposable
    {
        public void Dispose()
        {
            foreach (var r in registrations) r.Dispose();
        }
    }
}
