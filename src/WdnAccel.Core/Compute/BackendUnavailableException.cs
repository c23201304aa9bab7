namespace WdnAccel.Core.Compute;

/// <summary>The requested backend cannot run here (no OpenCL runtime, no device). The CLI exits with code 4.</summary>
public sealed class BackendUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
