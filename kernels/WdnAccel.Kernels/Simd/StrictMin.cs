using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace WdnAccel.Kernels.Simd;

/// <summary>
/// The Floyd–Warshall update <c>c &lt; x ? c : x</c> (strict improvement, the reference's tie rule) on whole vectors.
/// On x86 that is one <c>vminpd</c>/<c>vminps</c>: Intel's MINPD returns the second operand unless the first is less,
/// so a tie keeps x (+0 against −0 included) and a NaN candidate is dropped. Other platforms' native minimum (ARM64's
/// FMIN) orders −0 below +0 and propagates NaN, so they take the compare and select; the JIT keeps one branch.
/// </summary>
internal static class StrictMin
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Of<T>(Vector<T> candidate, Vector<T> current) where T : IFloatingPointIeee754<T> =>
        X86Base.IsSupported ? Vector.MinNative(candidate, current) : Vector.ConditionalSelect(Vector.LessThan(candidate, current), candidate, current);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Of<T>(Vector512<T> candidate, Vector512<T> current) where T : IFloatingPointIeee754<T> =>
        X86Base.IsSupported ? Vector512.MinNative(candidate, current) : Vector512.ConditionalSelect(Vector512.LessThan(candidate, current), candidate, current);
}
