using System.Globalization;
using System.Numerics;

namespace WdnAccel.Core.Lp;

/// <summary>
/// An exact rational number p/q (BigInteger, q &gt; 0, gcd(p, q) = 1). Decimal text parses exactly
/// ("0.1" is 1/10, "1.5e-3" is 3/2000), so LP input is never rounded before the exact certificate is computed.
/// </summary>
public readonly struct Rational : IEquatable<Rational>, IComparable<Rational>
{
    private readonly BigInteger _num;
    private readonly BigInteger _den; // default(Rational) has _den == 0 and means 0/1

    public static readonly Rational Zero = new(BigInteger.Zero, BigInteger.One, normalized: true);
    public static readonly Rational One = new(BigInteger.One, BigInteger.One, normalized: true);
    public static readonly Rational MinusOne = new(BigInteger.MinusOne, BigInteger.One, normalized: true);

    private Rational(BigInteger num, BigInteger den, bool normalized)
    {
        _num = num;
        _den = den;
    }

    public Rational(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero) throw new DivideByZeroException("rational with zero denominator");
        if (denominator.Sign < 0) { numerator = -numerator; denominator = -denominator; }
        if (numerator.IsZero) { _num = BigInteger.Zero; _den = BigInteger.One; return; }
        if (!denominator.IsOne)
        {
            var g = BigInteger.GreatestCommonDivisor(numerator, denominator);
            if (!g.IsOne) { numerator /= g; denominator /= g; }
        }
        _num = numerator;
        _den = denominator;
    }

    public Rational(long value) : this(new BigInteger(value), BigInteger.One, normalized: true) { }

    public BigInteger Numerator => _num;
    public BigInteger Denominator => _den.IsZero ? BigInteger.One : _den;
    public int Sign => _num.Sign;
    public bool IsZero => _num.IsZero;
    public bool IsInteger => Denominator.IsOne;

    public static implicit operator Rational(long value) => new(value);
    public static implicit operator Rational(int value) => new(value);

    /// <summary>The exact value of a finite double (every double is a dyadic rational).</summary>
    public static Rational FromDouble(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentException("not a finite number", nameof(value));
        if (value == 0) return Zero;
        long bits = BitConverter.DoubleToInt64Bits(value);
        bool negative = bits < 0;
        int exponent = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0) exponent++; else mantissa |= 1L << 52;
        exponent -= 1075;
        var num = new BigInteger(negative ? -mantissa : mantissa);
        return exponent >= 0
            ? new Rational(num << exponent, BigInteger.One)
            : new Rational(num, BigInteger.One << -exponent);
    }

    /// <summary>The nearest double (round half to even; BigInteger's own conversion truncates).</summary>
    public double ToDouble()
    {
        if (_num.IsZero) return 0;
        var num = BigInteger.Abs(_num);
        var den = Denominator;
        // Quotient with at least 55 significant bits, then round to 53 with the remainder as sticky bit.
        long shift = (long)den.GetBitLength() - (long)num.GetBitLength() + 55;
        var q = shift >= 0 ? BigInteger.DivRem(num << (int)shift, den, out var rem) : BigInteger.DivRem(num, den << (int)-shift, out rem);
        int extra = (int)q.GetBitLength() - 53;
        var mant = q >> extra;
        var dropped = q & ((BigInteger.One << extra) - 1);
        var half = BigInteger.One << (extra - 1);
        if (dropped > half || (dropped == half && (!rem.IsZero || !mant.IsEven))) mant += 1;
        long exp = extra - shift;
        double v = Math.ScaleB((double)mant, (int)Math.Clamp(exp, -4000, 4000));
        return _num.Sign < 0 ? -v : v;
    }

    public static Rational operator +(Rational a, Rational b)
    {
        if (a.IsZero) return b;
        if (b.IsZero) return a;
        var ad = a.Denominator; var bd = b.Denominator;
        if (ad.IsOne && bd.IsOne) return new Rational(a._num + b._num, BigInteger.One, normalized: true);
        if (ad == bd) return new Rational(a._num + b._num, ad);
        return new Rational(a._num * bd + b._num * ad, ad * bd);
    }

    public static Rational operator -(Rational a, Rational b) => a + (-b);
    public static Rational operator -(Rational a) => new(-a._num, a.Denominator, normalized: true);

    public static Rational operator *(Rational a, Rational b)
    {
        if (a.IsZero || b.IsZero) return Zero;
        var ad = a.Denominator; var bd = b.Denominator;
        if (ad.IsOne && bd.IsOne) return new Rational(a._num * b._num, BigInteger.One, normalized: true);
        return new Rational(a._num * b._num, ad * bd);
    }

    public static Rational operator /(Rational a, Rational b)
    {
        if (b.IsZero) throw new DivideByZeroException();
        if (a.IsZero) return Zero;
        return new Rational(a._num * b.Denominator, a.Denominator * b._num);
    }

    public static bool operator ==(Rational a, Rational b) => a.Equals(b);
    public static bool operator !=(Rational a, Rational b) => !a.Equals(b);
    public static bool operator <(Rational a, Rational b) => a.CompareTo(b) < 0;
    public static bool operator >(Rational a, Rational b) => a.CompareTo(b) > 0;
    public static bool operator <=(Rational a, Rational b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Rational a, Rational b) => a.CompareTo(b) >= 0;

    /// <summary>The largest integer ≤ a.</summary>
    public static Rational Floor(Rational a)
    {
        if (a.IsInteger) return a;
        var q = BigInteger.DivRem(a._num, a.Denominator, out var rem);
        if (rem.Sign < 0) q -= 1;
        return new Rational(q, BigInteger.One, normalized: true);
    }

    /// <summary>The smallest integer ≥ a.</summary>
    public static Rational Ceiling(Rational a) => a.IsInteger ? a : Floor(a) + One;

    /// <summary>a − ⌊a⌋, in [0, 1).</summary>
    public static Rational Fraction(Rational a) => a - Floor(a);

    public static Rational Abs(Rational a) => a.Sign < 0 ? -a : a;
    public static Rational Min(Rational a, Rational b) => a <= b ? a : b;
    public static Rational Max(Rational a, Rational b) => a >= b ? a : b;

    public int CompareTo(Rational other)
    {
        var ad = Denominator; var bd = other.Denominator;
        if (ad == bd) return _num.CompareTo(other._num);
        return (_num * bd).CompareTo(other._num * ad);
    }

    public bool Equals(Rational other) => _num == other._num && Denominator == other.Denominator;
    public override bool Equals(object? obj) => obj is Rational r && Equals(r);
    public override int GetHashCode() => HashCode.Combine(_num, Denominator);

    /// <summary>"p/q", or "p" for integers: the exact form used in every machine output.</summary>
    public override string ToString() =>
        Denominator.IsOne ? _num.ToString(CultureInfo.InvariantCulture)
                          : $"{_num.ToString(CultureInfo.InvariantCulture)}/{Denominator.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// The exact finite decimal when the denominator has only factors 2 and 5 (so it re-reads exactly),
    /// otherwise null.
    /// </summary>
    public string? ToExactDecimal()
    {
        var d = Denominator;
        int twos = 0, fives = 0;
        while (d.IsEven) { d >>= 1; twos++; }
        while ((d % 5).IsZero) { d /= 5; fives++; }
        if (!d.IsOne) return null;
        int digits = Math.Max(twos, fives);
        var scaled = _num * BigInteger.Pow(10, digits) / Denominator;
        if (digits == 0) return scaled.ToString(CultureInfo.InvariantCulture);
        var abs = BigInteger.Abs(scaled).ToString(CultureInfo.InvariantCulture).PadLeft(digits + 1, '0');
        var text = abs[..^digits] + "." + abs[^digits..];
        return (scaled.Sign < 0 ? "-" : "") + text;
    }

    public static bool TryParse(ReadOnlySpan<char> text, out Rational value)
    {
        value = Zero;
        text = text.Trim();
        if (text.IsEmpty) return false;
        int slash = text.IndexOf('/');
        if (slash >= 0)
        {
            if (!TryParseDecimal(text[..slash], out var p) || !TryParseDecimal(text[(slash + 1)..], out var q) || q.IsZero)
                return false;
            value = p / q;
            return true;
        }
        return TryParseDecimal(text, out value);
    }

    public static Rational Parse(string text) =>
        TryParse(text, out var v) ? v : throw new FormatException($"'{text}' is not a number (decimal, exponent or p/q)");

    /// <summary>Parses [sign] digits [. digits] [e|E [sign] digits] exactly.</summary>
    private static bool TryParseDecimal(ReadOnlySpan<char> s, out Rational value)
    {
        value = Zero;
        s = s.Trim();
        int i = 0;
        bool negative = false;
        if (i < s.Length && (s[i] == '+' || s[i] == '-')) { negative = s[i] == '-'; i++; }
        var mantissa = BigInteger.Zero;
        int digits = 0, fraction = 0;
        bool seenPoint = false;
        var chunk = new System.Text.StringBuilder();
        for (; i < s.Length; i++)
        {
            char c = s[i];
            if (c >= '0' && c <= '9') { chunk.Append(c); digits++; if (seenPoint) fraction++; }
            else if (c == '.' && !seenPoint) seenPoint = true;
            else break;
        }
        if (digits == 0) return false;
        mantissa = BigInteger.Parse(chunk.ToString(), NumberStyles.None, CultureInfo.InvariantCulture);
        long exponent = 0;
        if (i < s.Length)
        {
            if (s[i] != 'e' && s[i] != 'E') return false;
            i++;
            bool expNegative = false;
            if (i < s.Length && (s[i] == '+' || s[i] == '-')) { expNegative = s[i] == '-'; i++; }
            int start = i;
            while (i < s.Length && s[i] >= '0' && s[i] <= '9') i++;
            if (i == start || i != s.Length || i - start > 6) return false;
            exponent = long.Parse(s[start..i], NumberStyles.None, CultureInfo.InvariantCulture);
            if (expNegative) exponent = -exponent;
        }
        exponent -= fraction;
        if (negative) mantissa = -mantissa;
        value = exponent >= 0
            ? new Rational(mantissa * BigInteger.Pow(10, (int)exponent), BigInteger.One)
            : new Rational(mantissa, BigInteger.Pow(10, (int)-exponent));
        return true;
    }
}
