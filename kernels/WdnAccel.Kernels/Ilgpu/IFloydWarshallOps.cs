namespace WdnAccel.Kernels.Ilgpu;

/// <summary>
/// The arithmetic a Floyd–Warshall kernel needs, as instance members of a struct: ILGPU compiles a generic kernel
/// once per struct type argument but cannot compile static abstract (generic math) calls, so one kernel source
/// serves double and float through <see cref="FloydWarshallDoubleOps"/> and <see cref="FloydWarshallFloatOps"/>.
/// </summary>
internal interface IFloydWarshallOps<T> where T : unmanaged
{
    T Infinity { get; }

    T Add(T a, T b);

    /// <summary>Strict a &lt; b (false when either is NaN), the reference's update test.</summary>
    bool Less(T a, T b);

    /// <summary>The hardware minimum (PTX min, OpenCL fmin; Math.Min on the CPU accelerator). Agrees with the strict
    /// rule only on values without a sign bit (FloydWarshallScalar.Initialize says when), see
    /// <see cref="DistancesByMinimum"/>.</summary>
    T Min(T a, T b);

    /// <summary>
    /// Whether <see cref="Min"/> is one instruction on current NVIDIA cards, so that updating by it beats a compare and
    /// a select. True for float (FMNMX). False for double: sm_70 and later have no DMNMX, and ptxas 11.8 for sm_90
    /// expands min.f64 into DSETP.MIN, selects and NaN fix-ups, 158 instructions per 16 relaxations of phase 3
    /// against 79 for the compare and two 32-bit selects.
    /// </summary>
    bool MinimumIsOneInstruction { get; }
}
