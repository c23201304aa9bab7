namespace WdnAccel.Core.Hydraulics;

/// <summary>
/// Whether <see cref="GgaLaneSolver"/> is compiled with the code few networks need: the checks of controls on junction
/// pressure (EPANET pswitch), emitters and pressure-driven demand. A type argument, so that a GPU kernel for networks
/// with none of them carries none of that code and keeps its registers.
/// </summary>
public static class GgaExtras
{
    public interface IMode
    {
        bool Enabled { get; }
    }

    /// <summary>Pressure controls checked, emitters and pressure-driven demands solved, wherever the network has them.</summary>
    public readonly struct On : IMode
    {
        public bool Enabled => true;
    }

    /// <summary>None of them: for networks without controls on junction pressure, emitters or PDA only.</summary>
    public readonly struct Off : IMode
    {
        public bool Enabled => false;
    }
}
