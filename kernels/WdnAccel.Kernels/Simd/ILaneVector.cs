namespace WdnAccel.Kernels.Simd;

/// <summary>
/// The vector operations the lane-block GGA needs, as static abstract members so that
/// <see cref="GgaBatchSolver"/> is written once and the JIT specializes it per width (generic code over a struct
/// type is compiled separately for that type, and these one-line members inline to single instructions).
/// Masks are vectors of the same type whose lanes are all-ones (true) or all-zeros (false).
/// Implementations: <see cref="Lanes512"/> (AVX-512, 8 doubles) and <see cref="LanesT"/> (<see cref="System.Numerics.Vector{T}"/>).
/// </summary>
internal interface ILaneVector<TSelf> where TSelf : struct, ILaneVector<TSelf>
{
    static abstract int Count { get; }
    static abstract TSelf Zero { get; }
    static abstract TSelf One { get; }
    static abstract TSelf AllBitsSet { get; }
    static abstract TSelf Create(double value);
    /// <summary>Loads <see cref="Count"/> consecutive doubles (no alignment needed).</summary>
    static abstract TSelf Load(ref double source);
    static abstract void Store(TSelf value, ref double destination);
    static abstract double GetElement(TSelf value, int lane);

    static abstract TSelf operator +(TSelf a, TSelf b);
    static abstract TSelf operator -(TSelf a, TSelf b);
    static abstract TSelf operator *(TSelf a, TSelf b);
    static abstract TSelf operator *(TSelf a, double b);
    static abstract TSelf operator /(TSelf a, TSelf b);
    static abstract TSelf operator -(TSelf a);
    static abstract TSelf operator &(TSelf a, TSelf b);
    static abstract TSelf operator |(TSelf a, TSelf b);
    static abstract TSelf operator ^(TSelf a, TSelf b);
    /// <summary>a &amp; ~b.</summary>
    static abstract TSelf AndNot(TSelf a, TSelf b);

    static abstract TSelf Abs(TSelf x);
    static abstract TSelf Sqrt(TSelf x);
    /// <summary>1/√x for x &gt; 0, to within a few ulp (not necessarily correctly rounded).</summary>
    static abstract TSelf ReciprocalSqrt(TSelf x);
    static abstract TSelf Exp(TSelf x);
    static abstract TSelf Log(TSelf x);
    static abstract TSelf LessThan(TSelf a, TSelf b);
    static abstract TSelf LessThanOrEqual(TSelf a, TSelf b);
    static abstract TSelf GreaterThan(TSelf a, TSelf b);
    /// <summary>mask ? a : b, lane by lane.</summary>
    static abstract TSelf Select(TSelf mask, TSelf a, TSelf b);
    /// <summary>Bit l set where lane l of <paramref name="mask"/> is set.</summary>
    static abstract uint MaskBits(TSelf mask);
    /// <summary>The mask whose lane l is set where bit l of <paramref name="bits"/> is.</summary>
    static abstract TSelf MaskFromBits(uint bits);
}
