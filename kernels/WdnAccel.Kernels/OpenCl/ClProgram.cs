namespace WdnAccel.Kernels.OpenCl;

/// <summary>A built program (cl_program); kernels are created from it by function name.</summary>
public sealed unsafe class ClProgram : IDisposable
{
    private readonly ClHandle _handle;

    internal ClProgram(ClContext context, ClHandle handle, string name)
    {
        Context = context;
        _handle = handle;
        Name = name;
    }

    public ClContext Context { get; }
    public string Name { get; }

    /// <summary>A new kernel object for the __kernel function <paramref name="function"/> (CL_INVALID_KERNEL_NAME if absent).</summary>
    public ClKernel CreateKernel(string function)
    {
        var name = System.Text.Encoding.UTF8.GetBytes(function + "\0");
        int status;
        nint kernel;
        fixed (byte* p = name) kernel = ClNative.clCreateKernel(_handle.Value, p, &status);
        GC.KeepAlive(this);
        if (status != ClNative.CL_SUCCESS) throw new OpenClException("clCreateKernel", status, $"kernel '{function}' in {Name}");
        return new ClKernel(Context, new ClHandle(kernel, ClHandleKind.Kernel), function);
    }

    public void Dispose() => _handle.Dispose();
}
