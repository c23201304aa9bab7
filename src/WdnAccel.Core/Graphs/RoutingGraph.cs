using System.Numerics;
using WdnAccel.Core.Io;
using WdnAccel.Core.Model;

namespace WdnAccel.Core.Graphs;

/// <summary>
/// A directed, weighted graph ready for all-pairs routing: nodes 0..n−1 and arcs. Built from graph JSON
/// (<see cref="GraphJsonReader"/>) or from a Lishui-case supply graph (<see cref="SupplyGraphBuilder"/>), which also
/// carries the node ids and kinds so that <c>--from plants --to demands</c> can be resolved.
/// </summary>
public sealed class RoutingGraph
{
    public int NodeCount { get; }
    public IReadOnlyList<Arc> Arcs { get; }

    /// <summary>Node ids for reports; the decimal index where the input had none.</summary>
    public IReadOnlyList<string> NodeIds { get; }

    /// <summary>False when the input had no ids (plain graph JSON): reports then write node indices as numbers.</summary>
    public bool HasNamedIds { get; }

    /// <summary>The Lishui case's node kinds, or null when the input carried none (plain graph JSON).</summary>
    public IReadOnlyList<GraphNodeKind>? Kinds { get; }

    public RoutingGraph(int nodeCount, IReadOnlyList<Arc> arcs, IReadOnlyList<string>? nodeIds = null, IReadOnlyList<GraphNodeKind>? kinds = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nodeCount);
        CheckArcs(arcs, nodeCount);
        if (nodeIds is not null && nodeIds.Count != nodeCount) throw new ArgumentException("one id per node", nameof(nodeIds));
        if (kinds is not null && kinds.Count != nodeCount) throw new ArgumentException("one kind per node", nameof(kinds));
        NodeCount = nodeCount;
        Arcs = arcs;
        HasNamedIds = nodeIds is not null;
        NodeIds = nodeIds ?? Enumerable.Range(0, nodeCount).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Kinds = kinds;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void CheckArcs(IReadOnlyList<Arc> arcs, int nodeCount)
    {
        foreach (var a in Span(arcs))
        {
            if ((uint)a.From >= (uint)nodeCount || (uint)a.To >= (uint)nodeCount)
                throw new ArgumentOutOfRangeException(nameof(arcs), $"arc {a.From}->{a.To} outside 0..{nodeCount - 1}");
            if (double.IsNaN(a.Weight)) throw new ArgumentException($"arc {a.From}->{a.To} has a NaN weight", nameof(arcs));
        }
    }

    /// <summary>The arcs without an enumerator per pass (the readers hand over a <see cref="List{T}"/>).</summary>
    private static ReadOnlySpan<Arc> Span(IReadOnlyList<Arc> arcs) => arcs switch
    {
        List<Arc> list => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list),
        Arc[] array => array,
        _ => arcs.ToArray(),
    };

    /// <summary>
    /// The n×n row-major weight matrix the Floyd–Warshall kernels take: +∞ where there is no arc, the smallest
    /// weight where arcs are parallel, self-loops on the diagonal (the kernel clamps the diagonal to min(w, 0)).
    /// </summary>
    /// <remarks>Compiled optimized at once: at tier 0 the generic math is not inlined and this took 0.1 s at n = 2048.</remarks>
    /// <exception cref="InvalidInputException">A weight is beyond <typeparamref name="T"/>'s range, or so large that a
    /// route of n − 1 edges could sum past it: such a sum rounds to ±∞, and +∞ reads as "unreachable" (<paramref name="file"/>
    /// and <paramref name="field"/> name the input in the message).</exception>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public T[] ToWeightMatrix<T>(string? file = null, string field = "edges") where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = NodeCount;
        double largest = typeof(T) == typeof(float) ? float.MaxValue : double.MaxValue;
        if (KeptWeightPastLimit(largest / Math.Max(n - 1, 1)) is { } heavy) throw WeightTooLarge<T>(heavy, largest, file, field);
        var w = Compute.LargeMatrix.Allocate<T>((long)n * n);
        Array.Fill(w, T.PositiveInfinity);
        foreach (var a in Span(Arcs))
        {
            var v = T.CreateTruncating(a.Weight);
            ref var slot = ref w[(long)a.From * n + a.To];
            if (v < slot) slot = v;
        }
        return w;
    }

    /// <summary>
    /// The arc of largest magnitude among the weights a route can use that exceeds <paramref name="limit"/>, or null.
    /// A route uses only the cheapest of parallel arcs, and a positive self-loop never (the diagonal is min(w, 0)), so
    /// a huge weight on a dearer parallel arc or on such a loop is harmless. Arcs past the limit are rare: only their
    /// node pairs are looked at twice.
    /// </summary>
    private Arc? KeptWeightPastLimit(double limit)
    {
        HashSet<(int, int)>? suspect = null;
        foreach (var a in Span(Arcs))
            if (Math.Abs(a.Weight) > limit && !(a.From == a.To && a.Weight > 0)) (suspect ??= []).Add((a.From, a.To));
        if (suspect is null) return null;
        var kept = new Dictionary<(int, int), Arc>();
        foreach (var a in Span(Arcs))
            if (suspect.Contains((a.From, a.To)) && (!kept.TryGetValue((a.From, a.To), out var k) || a.Weight < k.Weight)) kept[(a.From, a.To)] = a;
        // A kept self-loop here is at most the negative weight that made its cell suspect: no positive loop remains.
        Arc? heaviest = null;
        foreach (var a in kept.Values)
            if (Math.Abs(a.Weight) > limit && (heaviest is null || Math.Abs(a.Weight) > Math.Abs(heaviest.Value.Weight))) heaviest = a;
        return heaviest;
    }

    private InvalidInputException WeightTooLarge<T>(Arc arc, double largest, string? file, string field)
    {
        double heaviest = Math.Abs(arc.Weight);
        string type = typeof(T) == typeof(float) ? "float" : "double";
        string edge = $"edge {NodeIds[arc.From]}->{NodeIds[arc.To]} has weight {arc.Weight.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}";
        string fix = typeof(T) == typeof(float) && heaviest * Math.Max(NodeCount - 1, 1) <= double.MaxValue ? "leave out --float, or scale the weights down" : "scale the weights down";
        return heaviest > largest
            ? new InvalidInputException($"{edge}, beyond the {type} range (±{largest:G9}): {fix}", file, field: field)
            : new InvalidInputException(
                $"{edge}: a route of up to {NodeCount - 1:N0} edges could sum past the {type} range (±{largest:G9}) and read as unreachable; {fix}",
                file, field: field);
    }

    /// <summary>Index of the node with this id, or −1.</summary>
    public int IndexOf(string id)
    {
        for (int i = 0; i < NodeIds.Count; i++)
            if (NodeIds[i] == id) return i;
        return -1;
    }
}
