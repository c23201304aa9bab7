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
        Capacity = (int)Math.Min(int.MaxValue / 2, Math.Max(1, MaxArenaInts / dimensions));
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
    public int Find(ReadOnlySpan<int> genome)
    {
        int s = (int)Hash(genome) & _mask;
        while (true)
        {
            int e = _slots[s] - 1;
            if (e < 0) return -1;
            if (_arena.AsSpan(e * _dim, _dim).SequenceEqual(genome)) return e;
            s = (s + 1) & _mask;
        }
    }

    /// <summary>Stores <paramref name="genome"/> (not yet stored) with a placeholder value; its entry, or −1 when the table is full.</summary>
    public int Add(ReadOnlySpan<int> genome)
    {
        if (Count >= Capacity) return -1;
        if (Count == _values.Length)
        {
            int grown = (int)Math.Min(Capacity, 2L * _values.Length);
            Array.Resize(ref _arena, grown * _dim);
            Array.Resize(ref _values, grown);
        }
        if (2L * (Count + 1) > _slots.Length) Rehash(_slots.Length * 2);
        int e = Count++;
        genome.CopyTo(_arena.AsSpan(e * _dim, _dim));
        _values[e] = Evaluation.Invalid;
        int s = (int)Hash(genome) & _mask;
        while (_slots[s] != 0) s = (s + 1) & _mask;
        _slots[s] = e + 1;
        return e;
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
