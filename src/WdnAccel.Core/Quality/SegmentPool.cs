namespace WdnAccel.Core.Quality;

/// <summary>
/// Volume segments of the Lagrangian transport as flat arrays with a free list (EPANET 2.2 mempool.c and
/// qualroute.c addseg): a segment is an index, −1 is none; <see cref="Prev"/> links a chain from its first
/// (downstream) segment to its last (upstream) one. Released segments are reused before the arrays grow, and
/// <see cref="Clear"/> keeps the capacity, so repeated runs on one network allocate nothing.
/// </summary>
internal sealed class SegmentPool
{
    public double[] V = new double[256];
    public double[] C = new double[256];
    public int[] Prev = new int[256];
    private int _count;
    private int _free = -1;

    public void Clear()
    {
        _count = 0;
        _free = -1;
    }

    /// <summary>A segment of volume <paramref name="v"/> and quality <paramref name="c"/>, linked to nothing.</summary>
    public int Take(double v, double c)
    {
        int s;
        if (_free >= 0)
        {
            s = _free;
            _free = Prev[s];
        }
        else
        {
            if (_count == V.Length) Grow();
            s = _count++;
        }
        V[s] = v;
        C[s] = c;
        Prev[s] = -1;
        return s;
    }

    public void Release(int s)
    {
        Prev[s] = _free;
        _free = s;
    }

    private void Grow()
    {
        int n = V.Length * 2;
        Array.Resize(ref V, n);
        Array.Resize(ref C, n);
        Array.Resize(ref Prev, n);
    }
}
