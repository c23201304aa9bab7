using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Io;

namespace WdnAccel.Core.Tests.Hydraulics;

public class SymbolicCholeskyTests
{
    /// <summary>A side × side grid of junctions, 4-neighbour pipes, as (from, to) arrays.</summary>
    private static (int[] From, int[] To) Grid(int side)
    {
        var from = new List<int>();
        var to = new List<int>();
        for (int r = 0; r < side; r++)
        {
            for (int c = 0; c < side; c++)
            {
                int v = r * side + c;
                if (c + 1 < side) { from.Add(v); to.Add(v + 1); }
                if (r + 1 < side) { from.Add(v); to.Add(v + side); }
            }
        }
        return ([.. from], [.. to]);
    }

    [Fact]
    public void A_path_has_no_fill_and_one_update_per_column()
    {
        // Minimum degree eliminates a path from its ends: each column keeps one neighbour, so one update each.
        int n = 50;
        var from = Enumerable.Range(0, n - 1).ToArray();
        var to = Enumerable.Range(1, n - 1).ToArray();
        var sym = SymbolicCholesky.Analyze(n, from, to);
        Assert.Equal(n - 1, sym.ColumnStart[n]);
        Assert.Equal(n - 1, sym.UpdateTarget.Length);
        Assert.Equal(Enumerable.Range(0, n).ToArray(), sym.Order.Select(v => sym.Position[v]).Order().ToArray());
    }

    [Fact]
    public void A_factorization_larger_than_the_memory_budget_is_refused_up_front_with_its_numbers()
    {
        var (from, to) = Grid(60);
        var fits = SymbolicCholesky.Analyze(3600, from, to, "grid.inp", memoryBudget: 1L << 30);
        long updates = fits.UpdateTarget.Length;
        Assert.True(updates > 100_000, $"{updates} updates");

        var e = Assert.Throws<InvalidInputException>(() => SymbolicCholesky.Analyze(3600, from, to, "grid.inp", memoryBudget: 1 << 20));
        Assert.Contains("3,600 junctions", e.Message);
        Assert.Contains($"{updates:N0} updates", e.Message);
        Assert.Contains("grid.inp", e.Message);
    }
}
