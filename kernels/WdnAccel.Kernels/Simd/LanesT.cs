using System.Numerics;
using System.Runtime.CompilerServices;

namespace WdnAccel.Kernels.Simd;

/// <summary>
/// <see cref="Vector{T}"/> of doubles: 4 lanes with AVX2, 2 without (or with hardware intrinsics disabled, where
/// it runs the software fallback), 8 if the process sets DOTNET_MaxVectorTBitWidth=512.
/// </summary>
internal readonly struct LanesT : ILaneVector<LanesT>
{
    private readonly Vector<double> _v;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] private LanesT(Vector<double> v) => _v = v;

    public static int Count => Vector<double>.Count;
    public static LanesT Zero => new(Vector<double>.Zero);
    public static LanesT One => new(Vector<double>.One);
    public static LanesT AllBitsSet => new(Vector<double>.AllBitsSet);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static LanesT Create(double value) => new(new Vector<double>(value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static LanesT Load(ref double source) => new(Vector.LoadUnsafe(ref source));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(LanesT value, ref double destination) => value._v.StoreUnsafe(ref destination);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double GetElement(LanesT value, int lane) => value._v[lane];

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static LanesT operator +(LanesT a, LanesT b) => new(a._v + b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static LanesT operator -(LanesT a, LanesT b) => new(a._v - b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static LanesT operator *(LanesT a, LanesT b) => new(a._v * b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static LanesT operator *(LanesT a, double b) => new(a._v * b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static LanesT operator /(LanesT a, LanesT b) => new(a._v / b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static LanesT operator -(LanesT a) => new(-a._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static LanesT operator &(LanesT a, LanesT b) => new(a._v & b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static LanesT operator |(LanesT a, LanesT b) => new(a._v | b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static LanesT operator ^(LanesT a, LanesT b) => new(a._v ^ b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static LanesT AndNot(LanesT a, LanesT b) => new(Vector.AndNot(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static LanesT Abs(LanesT x) => new(Vector.Abs(x._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static LanesT Sqrt(LanesT x) => new(Vector.SquareRoot(x._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static LanesT ReciprocalSqrt(LanesT x) => new(Vector<double>.One / Vector.SquareRoot(x._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static LanesT Exp(LanesT x) => new(Vector.Exp(x._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static LanesT Log(LanesT x) => new(Vector.Log(x._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static LanesT LessThan(LanesT a, LanesT b) => new(Vector.AsVectorDouble(Vector.LessThan(a._v, b._v)));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static LanesT LessThanOrEqual(LanesT a, LanesT b) => new(Vector.AsVectorDouble(Vector.LessThanOrEqual(a._v, b._v)));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static LanesT GreaterThan(LanesT a, LanesT b) => new(Vector.AsVectorDouble(Vector.GreaterThan(a._v, b._v)));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static LanesT Select(LanesT mask, LanesT a, LanesT b) => new(Vector.ConditionalSelect(mask._v, a._v, b._v));

    public static uint MaskBits(LanesT mask)
    {
        var m = Vector.AsVectorInt64(mask._v);
        uint bits = 0;
        for (int l = 0; l < Vector<long>.Count; l++) if (m[l] != 0) bits |= 1u << l;
        return bits;
    }

    public static LanesT MaskFromBits(uint bits)
    {
        Span<long> t = stackalloc long[Vector<long>.Count];
        for (int l = 0; l < t.Length; l++) t[l] = (bits >> l & 1) != 0 ? -1L : 0L;
        return new(Vector.AsVectorDouble(new Vector<long>(t)));
    }
}
