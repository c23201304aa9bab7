using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using WdnAccel.Core.Io;
using Lib = global::MessagePack;

namespace WdnAccel.Core.Graphs;

/// <summary>
/// The arcs of a MessagePack graph as three packed columns (docs/paths.md, "Binary graph and result"): <c>from</c> and
/// <c>to</c> binary data of little-endian int32 node indices, <c>weight</c> binary data of little-endian float64 (or
/// float32) weights, one value per arc — what numpy's <c>tobytes()</c> gives. Reading them is a copy, not a parse of
/// a value per number: the cheap binary form for graphs with hundreds of thousands of arcs.
/// </summary>
internal sealed class PackedArcColumns(string? file)
{
    public static readonly string[] Names = ["from", "to", "weight"];
    private readonly ReadOnlyMemory<byte>?[] _columns = new ReadOnlyMemory<byte>?[3];

    /// <summary>Reads column <paramref name="column"/> (0 from, 1 to, 2 weight): a MessagePack bin.</summary>
    public void Read(ref Lib.MessagePackReader r, int column)
    {
        string name = Names[column];
        if (_columns[column] is not null) throw new InvalidInputException("given twice", file, field: name);
        if (r.NextMessagePackType != Lib.MessagePackType.Binary)
        {
            string expected = column < 2
                ? "binary data of little-endian int32 node indices"
                : "binary data of little-endian float64 (or float32) weights";
            throw new InvalidInputException($"expected {expected}, found {GraphMessagePackReader.TypeOf(ref r)}", file, field: name);
        }
        var bytes = r.ReadBytes()!.Value;
        _columns[column] = bytes.IsSingleSegment ? bytes.First : System.Buffers.BuffersExtensions.ToArray(bytes); // a slice of the file's bytes, not a copy
    }

    /// <summary>The arcs, every index checked against n and every weight finite; errors name <c>from[e]</c> etc.</summary>
    public List<Arc> ToArcs(int n)
    {
        for (int c = 0; c < 3; c++)
            if (_columns[c] is null)
                throw new InvalidInputException($"missing; the packed columns 'from', 'to' and 'weight' come together", file, field: Names[c]);
        ReadOnlyMemory<byte> from = _columns[0]!.Value, to = _columns[1]!.Value, weight = _columns[2]!.Value;
        if (from.Length % sizeof(int) != 0)
            throw new InvalidInputException($"{from.Length} bytes is not a whole number of int32 values", file, field: "from");
        int m = from.Length / sizeof(int);
        if (to.Length != from.Length)
            throw new InvalidInputException($"{to.Length} bytes, but 'from' holds {m} indices ({from.Length} bytes)", file, field: "to");
        int width = weight.Length == (long)m * sizeof(double) ? sizeof(double) : weight.Length == (long)m * sizeof(float) ? sizeof(float) : 0;
        if (width == 0)
            throw new InvalidInputException($"{weight.Length} bytes, but {m} arcs need {(long)m * sizeof(double)} (float64) or {(long)m * sizeof(float)} (float32)", file, field: "weight");
        return Build(from.Span, to.Span, weight.Span, m, width, n);
    }

    // Runs once per process over every arc: compiled optimized at once.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private List<Arc> Build(ReadOnlySpan<byte> from, ReadOnlySpan<byte> to, ReadOnlySpan<byte> weight, int m, int width, int n)
    {
        var arcs = new List<Arc>(m);
        CollectionsMarshal.SetCount(arcs, m);
        var span = CollectionsMarshal.AsSpan(arcs);
        for (int e = 0; e < m; e++)
        {
            int f = BinaryPrimitives.ReadInt32LittleEndian(from[(e * sizeof(int))..]);
            int t = BinaryPrimitives.ReadInt32LittleEndian(to[(e * sizeof(int))..]);
            double w = width == sizeof(double)
                ? BinaryPrimitives.ReadDoubleLittleEndian(weight[(e * sizeof(double))..])
                : BinaryPrimitives.ReadSingleLittleEndian(weight[(e * sizeof(float))..]);
            if ((uint)f >= (uint)n) throw new InvalidInputException($"node index {f} outside 0..{n - 1}", file, field: $"from[{e}]");
            if ((uint)t >= (uint)n) throw new InvalidInputException($"node index {t} outside 0..{n - 1}", file, field: $"to[{e}]");
            if (!double.IsFinite(w))
                throw new InvalidInputException($"expected a finite weight, found {w.ToString(CultureInfo.InvariantCulture)}", file, field: $"weight[{e}]");
            span[e] = new Arc(f, t, w);
        }
        return arcs;
    }
}
