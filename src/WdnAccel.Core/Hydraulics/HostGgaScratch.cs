namespace WdnAccel.Core.Hydraulics;

/// <summary>One lane's GGA scratch on the host (<see cref="HostGgaLane"/>): link coefficients, factor values, right-hand side, the factorization's dense row.</summary>
public sealed class HostGgaScratch(CompiledNetwork net)
{
    public double[] Resistance { get; } = new double[net.PipeCount];
    public double[] MinorCoefficient { get; } = new double[net.PipeCount];
    public double[] P { get; } = new double[net.LinkCount];
    public double[] Y { get; } = new double[net.LinkCount];
    public double[] Factor { get; } = new double[net.FactorSize];
    public double[] Rhs { get; } = new double[net.JunctionCount];
    public double[] Work { get; } = new double[net.JunctionCount];
}
