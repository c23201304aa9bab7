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
}
