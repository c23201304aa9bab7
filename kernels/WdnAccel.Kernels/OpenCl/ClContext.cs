using System.Collections.Concurrent;

namespace WdnAccel.Kernels.OpenCl;

/// <summary>
/// An OpenCL context on one device with one in-order command queue, and the programs built in it (cached by
/// source name and build options, so each kernel source compiles once per context). Not thread-safe: one
/// host thread issues commands at a time (the backend serializes).
/// </summary>
public sealed unsafe class ClContext : IDisposable
{
    private readonly ClHandle _context;
    private readonly ClHandle _queue;
    private readonly ConcurrentDictionary<(string Name, string Options), ClProgram> _programs = new();

    public ClContext(ClDevice device)
    {
        Device = device;
        nint id = device.Id;
        int status;
        nint context = ClNative.clCreateContext(null, 1, &id, 0, 0, &status);
        ClErrors.Check(status, "clCreateContext");
        _context = new ClHandle(context, ClHandleKind.Context);
        nint queue = ClNative.clCreateCommandQueue(context, id, 0, &status);
        if (status != ClNative.CL_SUCCESS)
        {
            _context.Dispose();
            throw new OpenClException("clCreateCommandQueue", status);
        }
        _queue = new ClHandle(queue, ClHandleKind.CommandQueue);
    }

    public ClDevice Device { get; }

    internal nint Handle => _context.Value;
    internal nint Queue => _queue.Value;

    /// <summary>A read-write device buffer of <paramref name="bytes"/> bytes (uninitialized).</summary>
    public ClBuffer CreateBuffer(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytes, 1);
        int status;
        nint memory = ClNative.clCreateBuffer(Handle, ClNative.CL_MEM_READ_WRITE, (nuint)bytes, null, &status);
        ClErrors.Check(status, "clCreateBuffer");
        return new ClBuffer(this, new ClHandle(memory, ClHandleKind.Memory), bytes);
    }

    /// <summary>A buffer for <paramref name="count"/> elements of <typeparamref name="T"/>.</summary>
    public ClBuffer CreateBuffer<T>(long count) where T : unmanaged => CreateBuffer(count * sizeof(T));

    /// <summary>
    /// Compiles <paramref name="source"/> for this context's device. On a compile error the exception is an
    /// <see cref="OpenClException"/> for clBuildProgram whose <see cref="OpenClException.Detail"/> is the build log.
    /// </summary>
    public ClProgram BuildProgram(string source, string options = "", string name = "<source>")
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(source);
        int status;
        nint program;
        fixed (byte* text = bytes)
        {
            byte* strings = text;
            nuint length = (nuint)bytes.Length;
            program = ClNative.clCreateProgramWithSource(Handle, 1, &strings, &length, &status);
        }
        ClErrors.Check(status, "clCreateProgramWithSource");
        var handle = new ClHandle(program, ClHandleKind.Program);
        var optionBytes = System.Text.Encoding.UTF8.GetBytes(options + "\0");
        nint device = Device.Id;
        fixed (byte* opts = optionBytes) status = ClNative.clBuildProgram(program, 1, &device, opts, 0, 0);
        if (status != ClNative.CL_SUCCESS)
        {
            string log = BuildLog(program, device);
            handle.Dispose();
            throw new OpenClException("clBuildProgram", status, $"build log of {name} ({options}) on {Device.Name}:{Environment.NewLine}{log}");
        }
        return new ClProgram(this, handle, name);
    }

    /// <summary>The program for (<paramref name="name"/>, <paramref name="options"/>), built on first use from <paramref name="source"/>.</summary>
    public ClProgram GetOrBuildProgram(string name, string options, Func<string> source) =>
        _programs.GetOrAdd((name, options), key => BuildProgram(source(), key.Options, key.Name));

    /// <summary>Number of distinct programs built through <see cref="GetOrBuildProgram"/>.</summary>
    public int CachedProgramCount => _programs.Count;

    /// <summary>Blocks until every queued command has completed.</summary>
    public void Finish()
    {
        ClErrors.Check(ClNative.clFinish(Queue), "clFinish");
        GC.KeepAlive(this);
    }

    public void Dispose()
    {
        foreach (var program in _programs.Values) program.Dispose();
        _programs.Clear();
        _queue.Dispose();
        _context.Dispose();
    }

    private static string BuildLog(nint program, nint device)
    {
        nuint size;
        if (ClNative.clGetProgramBuildInfo(program, device, ClNative.CL_PROGRAM_BUILD_LOG, 0, null, &size) != ClNative.CL_SUCCESS) return "(no build log)";
        var bytes = new byte[(int)size];
        fixed (byte* p = bytes)
        {
            if (ClNative.clGetProgramBuildInfo(program, device, ClNative.CL_PROGRAM_BUILD_LOG, size, p, null) != ClNative.CL_SUCCESS) return "(no build log)";
        }
        int end = Array.IndexOf(bytes, (byte)0);
        return System.Text.Encoding.UTF8.GetString(bytes, 0, end < 0 ? bytes.Length : end).Trim();
    }
}
