namespace WdnAccel.Core.Optimizers;

/// <summary>
/// SHADE's success-history parameter memories (Tanabe &amp; Fukunaga 2013, "Success-History Based Parameter Adaptation
/// for Differential Evolution", IEEE CEC 2013, pp. 71–78): H cells of (M_F, M_CR), all 0.5 at the start. A trial
/// draws a cell r; CR = N(M_CR[r], 0.1) clipped to [0, 1]; F = Cauchy(M_F[r], 0.1), drawn again while ≤ 0 and cut
/// to 1 above 1. After a generation with successful trials, cell k (cycling) becomes the Δf-weighted arithmetic mean
/// of the successful CRs and the Δf-weighted Lehmer mean Σw·F²/Σw·F of the successful Fs.
/// </summary>
internal sealed class ShadeMemory
{
    private readonly double[] _mf, _mcr;
    private readonly double _fInit, _crInit;
    private readonly List<(double F, double Cr, double W)> _success = [];
    private int _k;

    public ShadeMemory(int size, double fInit, double crInit)
    {
        if (size < 1) throw new ArgumentOutOfRangeException(nameof(size));
        _mf = new double[size];
        _mcr = new double[size];
        _fInit = fInit;
        _crInit = crInit;
        Reset();
    }

    public ReadOnlySpan<double> MemoryF => _mf;
    public ReadOnlySpan<double> MemoryCr => _mcr;

    /// <summary>All cells back to their initial values, successes forgotten (a restart).</summary>
    public void Reset()
    {
        Array.Fill(_mf, _fInit);
        Array.Fill(_mcr, _crInit);
        _success.Clear();
        _k = 0;
    }

    /// <summary>Draws (F, CR) for one trial: F in (0, 1], CR in [0, 1].</summary>
    public (double F, double Cr) Sample(Xoshiro256StarStar rng)
    {
        int r = rng.NextInt(_mf.Length);
        double cr = Math.Clamp(_mcr[r] + 0.1 * rng.NextGaussian(), 0.0, 1.0);
        double f;
        int tries = 0;
        do
        {
            f = _mf[r] + 0.1 * Math.Tan(Math.PI * (rng.NextDouble() - 0.5));
            // A memory cell at 0 could make F ≤ 0 forever; after 100 draws take a small positive F.
            if (++tries > 100 && !(f > 0)) { f = 0.01; break; }
        }
        while (!(f > 0));
        return (Math.Min(f, 1.0), cr);
    }

    /// <summary>Records a trial that beat its parent by <paramref name="improvement"/> (≥ 0; non-finite counts as 1).</summary>
    public void AddSuccess(double f, double cr, double improvement)
    {
        double w = double.IsFinite(improvement) && improvement > 0 ? improvement : 1.0;
        _success.Add((f, cr, w));
    }

    /// <summary>Ends a generation: writes cell k from the successes (if any) and clears them.</summary>
    public void Update()
    {
        if (_success.Count == 0) return;
        double sw = 0, scr = 0, sf = 0, sf2 = 0;
        foreach (var (f, cr, w) in _success) sw += w;
        foreach (var (f, cr, w) in _success)
        {
            double wn = w / sw;
            scr += wn * cr;
            sf += wn * f;
            sf2 += wn * f * f;
        }
        _mcr[_k] = Math.Clamp(scr, 0.0, 1.0);
        _mf[_k] = sf > 0 ? Math.Clamp(sf2 / sf, 0.0, 1.0) : _fInit;
        _k = (_k + 1) % _mf.Length;
        _success.Clear();
    }
}
