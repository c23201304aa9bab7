namespace WdnAccel.Core.Model;

/// <summary>
/// Something the supply plan may build: a plant capacity upgrade (<see cref="Plant"/>) or a new source→plant or
/// plant→zone link (<see cref="From"/>, <see cref="To"/>, with its pumping cost; a link that lifts water to a higher
/// zone is a pumping station). It adds <see cref="Capacity"/> in the block's flow unit for a capital cost that the
/// block's interest rate and life turn into an annual cost. Built or not: a binary decision; discrete sizes are
/// alternatives of one <see cref="Group"/>.
/// </summary>
public sealed record SupplyCandidate(string Id, double Capacity, double CapitalCost)
{
    public string? Plant { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    public double PumpingCost { get; init; }

    /// <summary>Candidates sharing a group are alternatives (e.g. the sizes of one main): at most one is built.</summary>
    public string? Group { get; init; }
}
