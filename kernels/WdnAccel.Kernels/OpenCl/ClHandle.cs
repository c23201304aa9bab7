using System.Runtime.InteropServices;

namespace WdnAccel.Kernels.OpenCl;

/// <summary>
/// An owned OpenCL object reference, released exactly once by the matching clRelease* call (also when only the
/// finalizer sees it), so no code path leaks device memory or programs.
/// </summary>
internal sealed class ClHandle : SafeHandle
{
    public ClHandle(nint handle, ClHandleKind kind) : base(0, ownsHandle: true)
    {
        Kind = kind;
        SetHandle(handle);
    }

    public ClHandleKind Kind { get; }

    public override bool IsInvalid => handle == 0;

    /// <summary>The raw handle for a native call. Callers keep the owning wrapper alive (GC.KeepAlive) across the call.</summary>
    public nint Value
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsClosed, this);
            return handle;
        }
    }

    protected override bool ReleaseHandle() => Kind switch
    {
        ClHandleKind.Context => ClNative.clReleaseContext(handle),
        ClHandleKind.CommandQueue => ClNative.clReleaseCommandQueue(handle),
        ClHandleKind.Program => ClNative.clReleaseProgram(handle),
        ClHandleKind.Kernel => ClNative.clReleaseKernel(handle),
        _ => ClNative.clReleaseMemObject(handle),
    } == ClNative.CL_SUCCESS;
}
