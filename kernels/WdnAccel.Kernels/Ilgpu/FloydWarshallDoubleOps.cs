using ILGPU;

namespace WdnAccel.Kernels.Ilgpu;

internal readonly struct FloydWarshallDoubleOps : IFloydWarshallOps<double>
{
    public double Infinity => double.PositiveInfinity;

    public double Add(double a, double b) => a + b;

    public bool Less(double a, double b) => a < b;

    public double Min(double a, double b) => IntrinsicMath.Min(a, b);

    public bool MinimumIsOneInstruction => false;
}
