namespace WdnAccel.Kernels.OpenCl;

/// <summary>An OpenCL call failed: names the call and the CL error (e.g. "clBuildProgram failed: CL_BUILD_PROGRAM_FAILURE").</summary>
public sealed class OpenClException : Exception
{
    public OpenClException(string call, int errorCode, string? detail = null)
        : base($"{call} failed: {ClErrors.Name(errorCode)}{(string.IsNullOrEmpty(detail) ? "" : Environment.NewLine + detail)}")
    {
        Call = call;
        ErrorCode = errorCode;
        ErrorName = ClErrors.Name(errorCode);
        Detail = detail;
    }

    /// <summary>The API function that failed, e.g. "clCreateBuffer".</summary>
    public string Call { get; }

    /// <summary>The raw cl_int error code.</summary>
    public int ErrorCode { get; }

    /// <summary>The symbolic name of <see cref="ErrorCode"/>, e.g. "CL_INVALID_KERNEL_NAME".</summary>
    public string ErrorName { get; }

    /// <summary>Extra text: for build failures, the compiler's build log.</summary>
    public string? Detail { get; }
}
