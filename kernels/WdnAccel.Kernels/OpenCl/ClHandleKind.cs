namespace WdnAccel.Kernels.OpenCl;

/// <summary>Which clRelease* function frees a <see cref="ClHandle"/>.</summary>
internal enum ClHandleKind
{
    Context,
    CommandQueue,
    Program,
    Kernel,
    Memory,
}
