using System.Runtime.InteropServices;
using System.Text;
using WdnAccel.Core.Compute;
using WdnAccel.Core.Io;

namespace WdnAccel.Core.Hydraulics;

/// <summary>
/// The EPANET 2.2+ toolkit shared library, loaded at run time from a path the user names (`simulate --epanet`): never a
/// build or package dependency. Binds the thread-safe project API (EN_ functions with a project handle) by the
/// signatures of the EPANET 2.2 Programmer's Toolkit manual (Rossman et al., 2020; include/epanet2_2.h). The toolkit
/// declares its functions __stdcall on Windows and with the C convention elsewhere: the platform default, which a
/// plain <c>delegate* unmanaged</c> uses.
/// </summary>
public sealed unsafe class EpanetToolkit : IDisposable
{
    /// <summary>The function every EPANET 2.2+ library exports and older or unrelated libraries lack.</summary>
    public const string ProjectFunction = "EN_createproject";

    private nint _handle;

    internal readonly delegate* unmanaged<nint*, int> CreateProject;
    internal readonly delegate* unmanaged<nint, int> DeleteProject;
    internal readonly delegate* unmanaged<nint, byte*, byte*, byte*, int> Open;
    internal readonly delegate* unmanaged<nint, int> Close;
    internal readonly delegate* unmanaged<nint, int*, int> GetFlowUnits;
    internal readonly delegate* unmanaged<nint, byte*, int*, int> GetNodeIndex;
    internal readonly delegate* unmanaged<nint, byte*, int*, int> GetLinkIndex;
    internal readonly delegate* unmanaged<nint, int, int, double*, int> GetNodeValue;
    internal readonly delegate* unmanaged<nint, int, int, double*, int> GetLinkValue;
    internal readonly delegate* unmanaged<nint, int, int, double, int> SetLinkValue;
    internal readonly delegate* unmanaged<nint, int> OpenH;
    internal readonly delegate* unmanaged<nint, int, int> InitH;
    internal readonly delegate* unmanaged<nint, CLong*, int> RunH;
    internal readonly delegate* unmanaged<nint, int> CloseH;
    private readonly delegate* unmanaged<int, byte*, int, int> _getError;

    /// <summary>The path the library was loaded from.</summary>
    public string Path { get; }

    /// <summary>EN_getversion: e.g. 20200 for 2.2.0, 20300 for 2.3.0.</summary>
    public int Version { get; }

    /// <summary>"2.2.0" from <see cref="Version"/>.</summary>
    public string VersionText => $"{Version / 10000}.{Version / 100 % 100}.{Version % 100}";

    private EpanetToolkit(string path, nint handle)
    {
        Path = path;
        _handle = handle;
        CreateProject = (delegate* unmanaged<nint*, int>)Export(ProjectFunction);
        DeleteProject = (delegate* unmanaged<nint, int>)Export("EN_deleteproject");
        Open = (delegate* unmanaged<nint, byte*, byte*, byte*, int>)Export("EN_open");
        Close = (delegate* unmanaged<nint, int>)Export("EN_close");
        GetFlowUnits = (delegate* unmanaged<nint, int*, int>)Export("EN_getflowunits");
        GetNodeIndex = (delegate* unmanaged<nint, byte*, int*, int>)Export("EN_getnodeindex");
        GetLinkIndex = (delegate* unmanaged<nint, byte*, int*, int>)Export("EN_getlinkindex");
        GetNodeValue = (delegate* unmanaged<nint, int, int, double*, int>)Export("EN_getnodevalue");
        GetLinkValue = (delegate* unmanaged<nint, int, int, double*, int>)Export("EN_getlinkvalue");
        SetLinkValue = (delegate* unmanaged<nint, int, int, double, int>)Export("EN_setlinkvalue");
        OpenH = (delegate* unmanaged<nint, int>)Export("EN_openH");
        InitH = (delegate* unmanaged<nint, int, int>)Export("EN_initH");
        RunH = (delegate* unmanaged<nint, CLong*, int>)Export("EN_runH");
        CloseH = (delegate* unmanaged<nint, int>)Export("EN_closeH");
        _getError = (delegate* unmanaged<int, byte*, int, int>)Export("EN_geterror");
        var getVersion = (delegate* unmanaged<int*, int>)Export("EN_getversion");
        int version;
        int code = getVersion(&version);
        if (code != 0) throw Failure("EN_getversion", code);
        Version = version;
    }

    /// <summary>
    /// Loads the library at <paramref name="path"/>. A missing file, a file the system loader refuses and a library
    /// without the EPANET 2.2 project API (<see cref="ProjectFunction"/>) are input errors naming the path and, for the
    /// last, the missing function.
    /// </summary>
    public static EpanetToolkit Load(string path)
    {
        if (!System.IO.File.Exists(path))
            throw new InvalidInputException("EPANET toolkit library not found; expected the path of libepanet2.so, libepanet2.dylib or epanet2.dll (EPANET 2.2 or later)", path, field: "--epanet");
        nint handle;
        try
        {
            handle = NativeLibrary.Load(System.IO.Path.GetFullPath(path));
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
        {
            throw new InvalidInputException($"cannot be loaded as a shared library ({LoaderReason(e.Message)}); expected the EPANET 2.2+ toolkit library", path, field: "--epanet");
        }
        try
        {
            return new EpanetToolkit(path, handle);
        }
        catch
        {
            NativeLibrary.Free(handle);
            throw;
        }
    }

    private nint Export(string name) =>
        NativeLibrary.TryGetExport(_handle, name, out var address) ? address
        : throw new InvalidInputException(
            name == ProjectFunction
                ? $"not an EPANET 2.2+ toolkit library: it exports no {ProjectFunction} (the thread-safe project API EPANET has had since 2.2)"
                : $"EPANET toolkit library without {name}; expected EPANET 2.2 or later",
            Path, field: "--epanet");

    /// <summary>EN_geterror's text for <paramref name="code"/>, or "" when the library has none.</summary>
    public string ErrorText(int code)
    {
        // EN_MAXMSG = 255 characters (epanet2_enums.h).
        byte* buffer = stackalloc byte[256];
        buffer[0] = 0;
        if (_getError(code, buffer, 255) != 0) return "";
        buffer[255] = 0;
        return Marshal.PtrToStringUTF8((nint)buffer)?.Trim() ?? "";
    }

    /// <summary>An EPANET error <paramref name="code"/> from <paramref name="function"/> as "backend unavailable" (exit code 4).</summary>
    public BackendUnavailableException Failure(string function, int code, string? what = null)
    {
        string text = ErrorText(code);
        return new BackendUnavailableException($"EPANET ({Path}): {function}{(what is null ? "" : $" ({what})")} returned error {code}{(text.Length > 0 ? $": {text}" : "")}");
    }

    /// <summary>Throws <see cref="Failure"/> unless <paramref name="code"/> is 0 or a warning (1-99, EPANET 2.2 manual, Error Codes).</summary>
    internal void Check(int code, string function, string? what = null)
    {
        if (code > 100) throw Failure(function, code, what);
    }

    /// <summary>A NUL-terminated UTF-8 copy of <paramref name="text"/> for the toolkit's const char* arguments.</summary>
    internal static byte[] CString(string text)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }

    /// <summary>The system loader's own reason (dlerror's "invalid ELF header", ...), which .NET puts on the message's last line.</summary>
    private static string LoaderReason(string message) =>
        message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";

    public void Dispose()
    {
        // Function pointers into the library stay valid until here; projects must be deleted first.
        if (_handle != 0) NativeLibrary.Free(_handle);
        _handle = 0;
    }
}
