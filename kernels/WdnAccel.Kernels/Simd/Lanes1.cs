using System.Runtime.CompilerServices;

namespace WdnAccel.Kernels.Simd;

/// <summary>
/// One double as a block of one lane: <see cref="GgaBatchSolver"/> uses it for a single lane of a large network,
/// where a vector block would hold (and compute) seven copies of a factor of hundreds of megabytes for nothing.
/// Masks are all-ones or all-zero bit patterns, as in the vector types; exp and log are .NET's Math.
/// </summary>
internal readonly struct Lanes1 : ILaneVector<Lanes1>
{
    private readonly double _v;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] private Lanes1(double v) => _v = v;

    private static readonly double AllOnes = BitConverter.Int64BitsToDouble(-1L);

    public static int Count => 1;
    public static Lanes1 Zero => new(0.0);
    public static Lanes1 One => new(1.0);
    public static Lanes1 AllBitsSet => new(AllOnes);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes1 Create(double value) => new(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes1 Load(ref double source) => new(source);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Lanes1 value, ref double destination) => destination = value._v;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double GetElement(Lanes1 value, int lane) => value._v;

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes1 operator +(Lanes1 a, Lanes1 b) => new(a._v + b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes1 operator -(Lanes1 a, Lanes1 b) => new(a._v - b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes1 operator *(Lanes1 a, Lanes1 b) => new(a._v * b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes1 operator *(Lanes1 a, double b) => new(a._v * b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes1 operator /(Lanes1 a, Lanes1 b) => new(a._v / b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes1 operator -(Lanes1 a) => new(-a._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes1 operator &(Lanes1 a, Lanes1 b) => Bits(Raw(a) & Raw(b));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes1 operator |(Lanes1 a, Lanes1 b) => Bits(Raw(a) | Raw(b));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes1 operator ^(Lanes1 a, Lanes1 b) => Bits(Raw(a) ^ Raw(b));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes1 AndNot(Lanes1 a, Lanes1 b) => Bits(Raw(a) & ~Raw(b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes1 Abs(Lanes1 x) => new(Math.Abs(x._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes1 Sqrt(Lanes1 x) => new(Math.Sqrt(x._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes1 ReciprocalSqrt(Lanes1 x) => new(1.0 / Math.Sqrt(x._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes1 Exp(Lanes1 x) => new(Math.Exp(x._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes1 Log(Lanes1 x) => new(Math.Log(x._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes1 LessThan(Lanes1 a, Lanes1 b) => Mask(a._v < b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes1 LessThanOrEqual(Lanes1 a, Lanes1 b) => Mask(a._v <= b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes1 GreaterThan(Lanes1 a, Lanes1 b) => Mask(a._v > b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes1 Select(Lanes1 mask, Lanes1 a, Lanes1 b) => Raw(mask) != 0 ? a : b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static uint MaskBits(Lanes1 mask) => Raw(mask) != 0 ? 1u : 0u;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes1 MaskFromBits(uint bits) => Mask((bits & 1) != 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] private static long Raw(Lanes1 a) => BitConverter.DoubleToInt64Bits(a._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] private static Lanes1 Bits(long bits) => new(BitConverter.Int64BitsToDouble(bits));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] private static Lanes1 Mask(bool set) => set ? AllBitsSet : Zero;
}
