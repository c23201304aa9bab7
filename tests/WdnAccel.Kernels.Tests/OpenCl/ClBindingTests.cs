using WdnAccel.Kernels.OpenCl;

namespace WdnAccel.Kernels.Tests.OpenCl;

/// <summary>The thin binding itself: device queries, buffers, program build errors with their log, error names.</summary>
public sealed class ClBindingTests
{
    [OpenClFact]
    public void Devices_report_plausible_capabilities()
    {
        var devices = OpenClRuntime.GetDevices();
        Assert.NotEmpty(devices);
        for (int i = 0; i < devices.Count; i++)
        {
            var d = devices[i];
            Assert.Equal(i, d.Index);
            Assert.False(string.IsNullOrWhiteSpace(d.Name));
            Assert.True(d.ComputeUnits > 0);
            Assert.True(d.GlobalMemoryBytes > 0);
            Assert.True(d.LocalMemoryBytes > 0);
            Assert.True(d.MaxWorkGroupSize > 0);
            Assert.StartsWith("OpenCL ", d.Version);
            // The two fp64 signals agree on conformant devices.
            Assert.Equal(d.DoubleFpConfig != 0, d.Extensions.Split(' ').Contains("cl_khr_fp64"));
        }
    }

    [OpenClFact]
    public void Buffer_round_trips_data_and_checks_its_range()
    {
        using var context = new ClContext(OpenClTestDevice.Backend.Device);
        using var buffer = context.CreateBuffer<int>(10);
        Assert.Equal(40, buffer.SizeBytes);
        buffer.Write<int>([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        buffer.Write<int>([-5, -6], offset: 4);
        var back = new int[10];
        buffer.Read<int>(back);
        Assert.Equal([1, 2, 3, 4, -5, -6, 7, 8, 9, 10], back);
        var tail = new int[3];
        buffer.Read<int>(tail, offset: 7);
        Assert.Equal([8, 9, 10], tail);
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Write<int>(new int[3], offset: 8));
    }

    [OpenClFact]
    public void A_program_built_from_source_runs_with_scalar_and_buffer_arguments()
    {
        using var context = new ClContext(OpenClTestDevice.Backend.Device);
        using var program = context.BuildProgram(
            "__kernel void axpy(const int n, const float a, __global const float* x, __global float* y)"
            + "{ int i = get_global_id(0); if (i < n) y[i] = a * x[i] + y[i]; }");
        using var kernel = program.CreateKernel("axpy");
        using var x = context.CreateBuffer<float>(5);
        using var y = context.CreateBuffer<float>(5);
        x.Write<float>([1, 2, 3, 4, 5]);
        y.Write<float>([10, 20, 30, 40, 50]);
        kernel.SetArg(0, 5).SetArg(1, 2f).SetArg(2, x).SetArg(3, y);
        kernel.Launch(5);
        var result = new float[5];
        y.Read<float>(result);
        Assert.Equal([12f, 24f, 36f, 48f, 60f], result);
    }

    [OpenClFact]
    public void A_compile_error_surfaces_the_build_log()
    {
        using var context = new ClContext(OpenClTestDevice.Backend.Device);
        var e = Assert.Throws<OpenClException>(() =>
            context.BuildProgram("__kernel void broken(__global float* y) { y[0] = undeclared_thing_42; }", name: "broken.cl"));
        Assert.Equal("clBuildProgram", e.Call);
        Assert.Equal("CL_BUILD_PROGRAM_FAILURE", e.ErrorName);
        Assert.Contains("undeclared_thing_42", e.Detail);
        Assert.Contains("broken.cl", e.Message);
    }

    [OpenClFact]
    public void An_unknown_kernel_name_is_named_in_the_error()
    {
        using var context = new ClContext(OpenClTestDevice.Backend.Device);
        using var program = context.BuildProgram("__kernel void present(__global int* y) { y[0] = 1; }");
        var e = Assert.Throws<OpenClException>(() => program.CreateKernel("absent"));
        Assert.Equal("CL_INVALID_KERNEL_NAME", e.ErrorName);
        Assert.Contains("absent", e.Message);
    }

    [OpenClFact]
    public void A_wrong_argument_size_is_reported_with_its_index()
    {
        using var context = new ClContext(OpenClTestDevice.Backend.Device);
        using var program = context.BuildProgram("__kernel void k(const int n, __global int* y) { y[0] = n; }");
        using var kernel = program.CreateKernel("k");
        var e = Assert.Throws<OpenClException>(() => kernel.SetArg(0, 1.5)); // double where int is declared
        Assert.Equal("clSetKernelArg", e.Call);
        Assert.Equal("CL_INVALID_ARG_SIZE", e.ErrorName);
        Assert.Contains("argument 0", e.Message);
    }

    [Fact]
    public void Error_codes_map_to_their_Khronos_names()
    {
        Assert.Equal("CL_OUT_OF_RESOURCES", new OpenClException("clX", -5).ErrorName);
        Assert.Equal("CL_INVALID_WORK_GROUP_SIZE", new OpenClException("clX", -54).ErrorName);
        Assert.Equal("CL_PLATFORM_NOT_FOUND_KHR", new OpenClException("clX", -1001).ErrorName);
        Assert.Equal("CL_UNKNOWN_ERROR(-9999)", new OpenClException("clX", -9999).ErrorName);
        Assert.StartsWith("clEnqueueReadBuffer failed: CL_INVALID_MEM_OBJECT", new OpenClException("clEnqueueReadBuffer", -38).Message);
    }
}
