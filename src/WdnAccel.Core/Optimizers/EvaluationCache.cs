namespace WdnAccel.Core.Optimizers;

/// <summary>
/// A per-run table of the designs a run has evaluated and their <see cref="Evaluation"/>s, keyed by the genome's
/// contents (open addressing over one flat genome arena; deterministic, no dictionary-order dependence). The
/// problems are deterministic (see <see cref="IProblem"/>), so a design evaluated once has the same evaluation every
/// time. At most <see cref="Capacity"/> designs are stored; later designs are still looked up but not stored.
/// </summary>
internal sealed class EvaluationCache
{
    /// <summary>The most genes the arena may hold (128 MiB of ints); the entry limit is this / D.</summary>
    internal const long MaxArenaInts = 32L << 20;

    private readonly int _dim;
    private int[] _arena;
    private Evaluation[] _values;
    private int[] _slots; // entry index + 1; 0 = empty
    private int _mask;

    public EvaluationCache(int dimensions, long expectedEntries)
    {
        _dim = dimensions;
        Capacity = (int)Math.Max(1, MaxArenaInts / dimensions);
        int initial = (int)Math.Clamp(expectedEntries, 16, Math.Min(Capacity, 1 << 16));
        _arena = new int[initial * dimensions];
        _values = new Evaluation[initial];
        int slots = 32;
        while (slots < 2 * initial) slots <<= 1;
        _slots = new int[slots];
        _mask = slots - 1;
    }

    /// <summary>Designs stored.</summary>
    public int Count { get; private set; }

    /// <summary>The most designs the table stores.</summary>
    public int Capacity { get; }

    /// <summary>The entry of <paramref name="genome"/>, or −1 when it is not stored.</summary>
    public int Find(ReadOnlySpan<int> genome) => FindOrAdd(genome, mayAdd: false, out _);

    /// <summary>
    /// The entry of <paramref name="genome"/> when it is stored; else, if <paramref name="mayAdd"/> and the table is not
    /// full, stores it with a placeholder value and returns its new entry (<paramref name="added"/> true); else −1.
    /// One hash and one probe: the empty slot that ends a miss is where the new design goes.
    /// </summary>
    public int FindOrAdd(ReadOnlySpan<int> genome, bool mayAdd, out bool added)
    {
        added = false;
        ulong hash = Hash(genome);
        int s = (int)hash & _mask;
        for (; _slots[s] != 0; s = (s + 1) & _mask)
        {
            int e = _slots[s] - 1;
            if (_arena.AsSpan(e * _dim, _dim).SequenceEqual(genome)) return e;
        }
        if (!mayAdd || Count >= Capacity) return -1;
        if (Count == _values.Length)
        {
            int grown = (int)Math.Min(Capacity, 2L * _values.Length);
            Array.Resize(ref _arena, grown * _dim);
            Array.Resize(ref _values, grown);
        }
        if (2L * (Count + 1) > _slots.Length)
        {
            Rehash(_slots.Length * 2);
            s = (int)hash & _mask; // the slots moved: find the empty one again
            while (_slots[s] != 0) s = (s + 1) & _mask;
        }
        int entry = Count++;
        genome.CopyTo(_arena.AsSpan(entry * _dim, _dim));
        _values[entry] = Evaluation.Invalid;
        _slots[s] = entry + 1;
        added = true;
        return entry;
    }

    public Evaluation this[int entry]
    {
        get => _values[entry];
        set => _values[entry] = value;
    }

    private void Rehash(int size)
    {
        _slots = new int[size];
        _mask = size - 1;
        for (int e = 0; e < Count; e++)
        {
            int s = (int)Hash(_arena.AsSpan(e * _dim, _dim)) & _mask;
            while (_slots[s] != 0) s = (s + 1) & _mask;
            _slots[s] = e + 1;
        }
    }

    private static ulong Hash(ReadOnlySpan<int> genome)
    {
        ulong h = 0x9E3779B97F4A7C15UL;
        foreach (int g in genome) h = (h ^ (uint)g) * 0xFF51AFD7ED558CCDUL + 0x2545F4914F6CDD1DUL;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53UL;
        h ^= h >> 33;
        return h;
    }
}
