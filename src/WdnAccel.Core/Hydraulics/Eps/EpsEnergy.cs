using WdnAccel.Core.Model;

namespace WdnAccel.Core.Hydraulics.Eps;

/// <summary>
/// Pump energy over a run, as EPANET 2.2's energy report (hydraul.c addenergy/getenergy): per pump the hours on line,
/// time-weighted efficiency, kWh, kWh per m³ pumped, peak kW and cost with the price and its pattern.
/// Power = γ·Q·H / efficiency with EPANET's constants (8.814 ft·cfs per hp, 0.7457 kW per hp).
/// </summary>
public sealed class EpsEnergy
{
    private readonly EpsNetwork _net;
    public double[] HoursOnline { get; }
    public double[] EfficiencyHours { get; }
    public double[] KilowattHours { get; }
    public double[] KilowattHoursPerCubicMeterHours { get; }
    public double[] PeakKilowatts { get; }
    public double[] Cost { get; }
    /// <summary>Largest total pump power at any time (kW), for the demand charge.</summary>
    public double PeakTotalKilowatts { get; private set; }
    /// <summary>
    /// Hours of the duration the run covered (1 for a snapshot): the per-cent of time on line and the cost per day are
    /// taken over these. A last step that runs past the duration (EPANET's steps stop at the next hydraulic, pattern or
    /// report time, not at the duration) adds its energy but only the hours up to the duration, as EPANET's
    /// saveenergy() divides by the duration: a pump on throughout is then on line more than 100 % of the time.
    /// </summary>
    public double Hours { get; private set; }

    public EpsEnergy(EpsNetwork net)
    {
        _net = net;
        int n = net.PumpCount;
        HoursOnline = new double[n];
        EfficiencyHours = new double[n];
        KilowattHours = new double[n];
        KilowattHoursPerCubicMeterHours = new double[n];
        PeakKilowatts = new double[n];
        Cost = new double[n];
    }

    public void Reset()
    {
        Array.Clear(HoursOnline);
        Array.Clear(EfficiencyHours);
        Array.Clear(KilowattHours);
        Array.Clear(KilowattHoursPerCubicMeterHours);
        Array.Clear(PeakKilowatts);
        Array.Clear(Cost);
        PeakTotalKilowatts = 0;
        Hours = 0;
    }

    /// <summary>Adds <paramref name="step"/> seconds of the solver's current state (a snapshot counts as one hour).</summary>
    internal void Add(EpsSolver s, long step, long time, bool snapshot)
    {
        double dt = snapshot ? 1.0 : step / 3600.0;
        if (dt <= 0) return;
        Hours += snapshot ? dt : Math.Min(step, Math.Max(0, (long)_net.Times.Duration - time)) / 3600.0;
        long period = s.PatternPeriod(time);
        double f0 = _net.Multiplier(_net.EnergyPricePattern, period);
        double total = 0;
        for (int u = 0; u < _net.PumpCount; u++)
        {
            var pump = _net.Pumps[u];
            int k = pump.Link;
            if (s.Status[k] <= EpsStatus.Closed) continue;
            double q = Math.Max(GgaConstants.QZero, Math.Abs(s.Flow[k]));
            double price = pump.Price > 0 ? pump.Price : _net.Energy.GlobalPrice;
            price *= pump.PricePattern >= 0 ? _net.Multiplier(pump.PricePattern, period) : f0;
            var (kw, efficiency) = Power(s, u);
            total += kw;
            HoursOnline[u] += dt;
            EfficiencyHours[u] += efficiency * dt;
            KilowattHoursPerCubicMeterHours[u] += kw / (q * 3600.0) * dt;
            KilowattHours[u] += kw * dt;
            PeakKilowatts[u] = Math.Max(PeakKilowatts[u], kw);
            Cost[u] += price * kw * dt;
        }
        PeakTotalKilowatts = Math.Max(PeakTotalKilowatts, total);
    }

    /// <summary>Power (kW) and efficiency (fraction) of pump <paramref name="u"/> in the solver's current state.</summary>
    public (double Kilowatts, double Efficiency) Power(EpsSolver s, int u)
    {
        var pump = _net.Pumps[u];
        int k = pump.Link;
        if (s.Status[k] <= EpsStatus.Closed) return (0, 0);
        double q = Math.Abs(s.Flow[k]);
        double dh = Math.Abs(s.Head[_net.From[k]] - s.Head[_net.To[k]]);
        double e = _net.Energy.GlobalEfficiency;
        if (pump.EfficiencyCurve is { } curve)
        {
            double speed = s.Setting[k];
            double q4 = speed > 0 ? q / speed : q;
            e = Interpolation.Linear(curve, q4, p => p.X, p => p.Y);
            // EPANET 2.2: Sârbu & Borza's correction of efficiency for speed.
            if (speed > 0 && speed != 1.0) e = 100.0 - (100.0 - e) * Math.Pow(1.0 / speed, 0.1);
        }
        e = Math.Clamp(e, 1.0, 100.0) / 100.0;
        double kw = dh / Units.MetersPerFoot * (q / Units.CubicMetersPerCubicFoot) * _net.Options.SpecificGravity / 8.814 / e * Units.KilowattsPerHorsepower;
        return (kw, e);
    }
}
