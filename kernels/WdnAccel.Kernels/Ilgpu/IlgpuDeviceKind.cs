namespace WdnAccel.Kernels.Ilgpu;

/// <summary>The ILGPU accelerators the project runs on, each chosen by one <c>--backend</c> value.</summary>
public enum IlgpuDeviceKind
{
    /// <summary>An NVIDIA GPU through the CUDA driver (PTX): <c>--backend cuda</c>.</summary>
    Cuda,
    /// <summary>An OpenCL 2.0+ device (generic address space): <c>--backend opencl</c>.</summary>
    OpenCL,
    /// <summary>ILGPU's CPU accelerator, which runs the same kernels with threads: <c>--backend ilgpu-cpu</c>, for parity tests.</summary>
    Cpu,
}
