namespace WdnAccel.Core.Hydraulics;

/// <summary>
/// Whether <see cref="GgaLaneSolver"/> is compiled with the checks of controls on junction pressure (EPANET pswitch), a
/// type argument so that a GPU kernel for networks without such controls carries none of that code.
/// </summary>
public static class PressureSwitching
{
    public interface IMode
    {
        bool Enabled { get; }
    }

    /// <summary>Checked wherever the network has controls on junction pressure.</summary>
    public readonly struct On : IMode
    {
        public bool Enabled => true;
    }

    /// <summary>Never checked: for networks without such controls only.</summary>
    public readonly struct Off : IMode
    {
        public bool Enabled => false;
    }
}
