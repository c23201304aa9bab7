using WdnAccel.Core.Io;
using WdnAccel.Core.Model;

namespace WdnAccel.Core.Hydraulics;

/// <summary>What every solver needs of a pipe before it compiles it: positive length, diameter and roughness, a non-negative minor loss.</summary>
internal static class PipeInputChecks
{
    public static void Check(Pipe p, string? file)
    {
        if (!(p.Length > 0)) throw new InvalidInputException($"pipe {p.Id}: length must be positive, got {p.Length}", file, field: "Length");
        if (!(p.Diameter > 0)) throw new InvalidInputException($"pipe {p.Id}: diameter must be positive, got {p.Diameter}", file, field: "Diameter");
        if (!(p.Roughness > 0)) throw new InvalidInputException($"pipe {p.Id}: roughness (Hazen–Williams C, Darcy–Weisbach ε or Manning n) must be positive, got {p.Roughness}", file, field: "Roughness");
        if (!(p.MinorLoss >= 0)) throw new InvalidInputException($"pipe {p.Id}: minor loss must be >= 0, got {p.MinorLoss}", file, field: "MinorLoss");
    }
}
