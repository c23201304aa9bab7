namespace WdnAccel.Core.Hydraulics;

/// <summary>
/// One lane's GGA scratch on the host (<see cref="HostGgaLane"/>): link coefficients, factor values, right-hand side,
/// the factorization's dense row and excess; with <paramref name="loops"/>, also the loop-flow form's (<see cref="ILoopLane"/>).
/// </summary>
public sealed class HostGgaScratch(CompiledNetwork net, LoopBasis? loops = null)
{
    public double[] Resistance { get; } = new double[net.PipeCount];
    public double[] MinorCoefficient { get; } = new double[net.PipeCount];
    public double[] P { get; } = new double[net.LinkCount];
    public double[] Y { get; } = new double[net.LinkCount];
    public double[] Factor { get; } = new double[net.FactorSize];
    public double[] Rhs { get; } = new double[net.JunctionCount];
    public double[] Work { get; } = new double[net.JunctionCount];
    public double[] Grounding { get; } = new double[net.JunctionCount];
    public double[] LoopQ { get; } = new double[loops is null ? 0 : net.LinkCount];
    public double[] ForestFlow { get; } = new double[loops is null ? 0 : net.LinkCount];
    public double[] LoopFactor { get; } = new double[loops is null ? 0 : loops.LoopCount * (loops.LoopCount + 1) / 2];
    public double[] LoopFlow { get; } = new double[loops?.LoopCount ?? 0];
    public double[] LoopPivot { get; } = new double[loops?.LoopCount ?? 0];
}
