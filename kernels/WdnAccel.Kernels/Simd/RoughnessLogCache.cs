using System.Runtime.CompilerServices;
using WdnAccel.Core.Hydraulics;

namespace WdnAccel.Kernels.Simd;

/// <summary>
/// 1.852·ln C per pipe for a block's lanes, kept from block to block. Random designs and most optimizer batches change
/// diameters only, so every lane of a block usually has the roughness the pipe had in the previous block: the
/// logarithm is then reused instead of taking a vector log per pipe and block. The kept value is the vector log's own
/// lane value, so a lane's result does not depend on which lanes share its block.
/// </summary>
internal sealed class RoughnessLogCache(int pipes)
{
    private readonly double[] _roughness = Enumerable.Repeat(double.NaN, pipes).ToArray();
    private readonly double[] _term = new double[pipes];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TV Term<TV>(int pipe, TV c) where TV : struct, ILaneVector<TV>
    {
        double first = TV.GetElement(c, 0);
        // NaN never compares equal, so a NaN lane always takes the vector log.
        if (TV.MaskBits(TV.LessThanOrEqual(c, TV.Create(first)) & TV.LessThanOrEqual(TV.Create(first), c)) != uint.MaxValue >> (32 - TV.Count))
            return TV.Log(c) * LinkFormulas.HazenWilliamsFlowExponent;
        if (_roughness[pipe] != first)
        {
            _roughness[pipe] = first;
            _term[pipe] = TV.GetElement(TV.Log(c) * LinkFormulas.HazenWilliamsFlowExponent, 0);
        }
        return TV.Create(_term[pipe]);
    }
}
