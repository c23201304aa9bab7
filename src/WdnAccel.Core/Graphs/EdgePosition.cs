namespace WdnAccel.Core.Graphs;

/// <summary>Where a graph reader is inside an edge list, for error messages: <c>edges[3]</c>, or <c>edges[3][1]</c> inside an edge.</summary>
internal sealed class EdgePosition(string? list)
{
    private readonly string _list = list ?? "edges";

    /// <summary>Index of the edge being read.</summary>
    public int Edge { get; set; }
    /// <summary>Item inside the edge (0 from, 1 to, 2 weight), −1 for the edge as a whole.</summary>
    public int Item { get; set; } = -1;

    public string Field => Item < 0 ? $"{_list}[{Edge}]" : $"{_list}[{Edge}][{Item}]";
}
