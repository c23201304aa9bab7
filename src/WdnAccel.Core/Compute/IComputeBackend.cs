namespace WdnAccel.Core.Compute;

/// <summary>
/// A batch compute provider: Scalar (the reference oracle), Simd and Ilgpu (GPU kernels for CUDA, OpenCL and the CPU accelerator) live in
/// kernels/WdnAccel.Kernels. The interface sits in Core so that problems and optimizers can call it without
/// Core depending on the kernels assembly. Each operation family is declared in its own partial file.
/// </summary>
public partial interface IComputeBackend : IDisposable
{
    /// <summary>"scalar", "simd", "opencl", ...</summary>
    string Name { get; }

    /// <summary>Human description of the device and threads, for reports.</summary>
    string Description { get; }
}
