using ILGPU;

namespace WdnAccel.Kernels.Ilgpu;

internal readonly struct FloydWarshallFloatOps : IFloydWarshallOps<float>
{
    public float Infinity => float.PositiveInfinity;

    public float Add(float a, float b) => a + b;

    public bool Less(float a, float b) => a < b;

    public float Min(float a, float b) => IntrinsicMath.Min(a, b);

    public bool MinimumIsOneInstruction => true;
}
