using System.Runtime.InteropServices;
using WdnAccel.Core.Io;
using WdnAccel.Core.Model;

namespace WdnAccel.Core.Hydraulics;

/// <summary>
/// One EPANET project with an .inp open and its hydraulic solver open (EN_createproject, EN_open, EN_openH), used from
/// one thread at a time: EPANET 2.2 projects are independent, so threads run one project each. Disposing closes the
/// solver and the project and deletes it (EN_closeH, EN_close, EN_deleteproject).
/// </summary>
public sealed unsafe class EpanetProject : IDisposable
{
    private readonly EpanetToolkit _toolkit;
    private nint _project;
    private bool _hydraulicsOpen;

    /// <summary>Flow units of the .inp (EN_getflowunits): they fix whether EPANET speaks ft/in or m/mm.</summary>
    public FlowUnits FlowUnits { get; }

    private EpanetProject(EpanetToolkit toolkit, string inpPath)
    {
        _toolkit = toolkit;
        nint project;
        toolkit.Check(toolkit.CreateProject(&project), EpanetToolkit.ProjectFunction);
        _project = project;
        try
        {
            // Reports go to the null device: with no report file EPANET writes each solve's warnings (negative
            // pressures, which most random designs have) to our stdout, which would cost it time and flood the output.
            byte[] inp = EpanetToolkit.CString(inpPath), none = EpanetToolkit.CString(""),
                report = EpanetToolkit.CString(OperatingSystem.IsWindows() ? "NUL" : "/dev/null");
            int code;
            fixed (byte* i = inp, r = report, n = none) code = toolkit.Open(project, i, r, n);
            // EN_open's input errors (200 and the 2xx/3xx file errors) are about the .inp: bad input, exit code 2.
            if (code > 100)
            {
                string text = toolkit.ErrorText(code);
                throw new InvalidInputException($"EPANET ({toolkit.Path}) cannot open this network: EN_open returned error {code}{(text.Length > 0 ? $": {text}" : "")}", inpPath, field: "--epanet");
            }
            int units;
            toolkit.Check(toolkit.GetFlowUnits(project, &units), "EN_getflowunits");
            FlowUnits = EpanetUnits.FlowUnitsOf(units);
            toolkit.Check(toolkit.OpenH(project), "EN_openH");
            _hydraulicsOpen = true;
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Opens <paramref name="inpPath"/> in a new project of <paramref name="toolkit"/>, hydraulic solver open.</summary>
    public static EpanetProject Open(EpanetToolkit toolkit, string inpPath) => new(toolkit, inpPath);

    /// <summary>EN_getlinkindex: the 1-based index of link <paramref name="id"/>.</summary>
    public int LinkIndex(string id) => Index(_toolkit.GetLinkIndex, id, "EN_getlinkindex", "link");

    /// <summary>EN_getnodeindex: the 1-based index of node <paramref name="id"/>.</summary>
    public int NodeIndex(string id) => Index(_toolkit.GetNodeIndex, id, "EN_getnodeindex", "node");

    private int Index(delegate* unmanaged<nint, byte*, int*, int> lookup, string id, string function, string kind)
    {
        byte[] name = EpanetToolkit.CString(id);
        int index, code;
        fixed (byte* p = name) code = lookup(_project, p, &index);
        _toolkit.Check(code, function, $"{kind} '{id}'");
        return index;
    }

    /// <summary>EN_getlinkvalue of <paramref name="property"/> (epanet2_enums.h EN_LinkProperty) in EPANET's units.</summary>
    public double LinkValue(int index, int property)
    {
        double value;
        _toolkit.Check(_toolkit.GetLinkValue(_project, index, property, &value), "EN_getlinkvalue");
        return value;
    }

    /// <summary>EN_setlinkvalue of <paramref name="property"/> in EPANET's units.</summary>
    public void SetLinkValue(int index, int property, double value) =>
        _toolkit.Check(_toolkit.SetLinkValue(_project, index, property, value), "EN_setlinkvalue");

    /// <summary>EN_getnodevalue of <paramref name="property"/> (EN_NodeProperty) in EPANET's units.</summary>
    public double NodeValue(int index, int property)
    {
        double value;
        _toolkit.Check(_toolkit.GetNodeValue(_project, index, property, &value), "EN_getnodevalue");
        return value;
    }

    /// <summary>
    /// EN_initH(<paramref name="initFlag"/>) then EN_runH: one snapshot at time 0. Returns EN_runH's code: 0, a warning
    /// (1 = hydraulically unbalanced, 6 = negative pressures, ...) or 110 (cannot solve the hydraulic equations); any
    /// other error throws.
    /// </summary>
    public int Solve(int initFlag)
    {
        _toolkit.Check(_toolkit.InitH(_project, initFlag), "EN_initH");
        CLong time;
        int code = _toolkit.RunH(_project, &time);
        if (code > 100 && code != EpanetCodes.CannotSolveHydraulics) throw _toolkit.Failure("EN_runH", code);
        return code;
    }

    public void Dispose()
    {
        if (_project == 0) return;
        if (_hydraulicsOpen) _toolkit.CloseH(_project);
        _hydraulicsOpen = false;
        _toolkit.Close(_project);
        _toolkit.DeleteProject(_project);
        _project = 0;
    }
}
