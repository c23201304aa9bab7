using System.Numerics;
using WdnAccel.Core.Lp;

namespace WdnAccel.Core.Tests.Lp;

public class RationalTests
{
    [Theory]
    [InlineData("0.1", 1, 10)]
    [InlineData("-2.50", -5, 2)]
    [InlineData("1.5e-3", 3, 2000)]
    [InlineData("2E2", 200, 1)]
    [InlineData("+.5", 1, 2)]
    [InlineData("6/-4", -3, 2)]
    [InlineData("1/3", 1, 3)]
    [InlineData("0.25/0.5", 1, 2)]
    [InlineData("7", 7, 1)]
    public void ParsesDecimalTextExactly(string text, long p, long q)
    {
        var r = Rational.Parse(text);
        Assert.Equal(new BigInteger(p), r.Numerator);
        Assert.Equal(new BigInteger(q), r.Denominator);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1/0")]
    [InlineData("1.2.3")]
    [InlineData("1e")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e99999999")]
    public void RejectsMalformedText(string text) => Assert.False(Rational.TryParse(text, out _));

    [Fact]
    public void ArithmeticIsExact()
    {
        var third = new Rational(1, 3);
        Assert.Equal(Rational.One, third + third + third);
        Assert.Equal(new Rational(1, 6), third - new Rational(1, 6));
        Assert.Equal(new Rational(2, 9), third * new Rational(2, 3));
        Assert.Equal(new Rational(-1, 2), third / new Rational(-2, 3));
        Assert.True(new Rational(1, 3) < new Rational(1, 2));
        // 0.1 + 0.2 is exactly 0.3 here, unlike doubles.
        Assert.Equal(Rational.Parse("0.3"), Rational.Parse("0.1") + Rational.Parse("0.2"));
    }

    [Fact]
    public void DoubleConversionsAreExactOrCorrectlyRounded()
    {
        Assert.Equal(0.1, Rational.Parse("0.1").ToDouble());
        Assert.Equal(1.0 / 3.0, new Rational(1, 3).ToDouble());
        Assert.Equal(-2.5e-300, Rational.Parse("-2.5e-300").ToDouble());
        var fromDouble = Rational.FromDouble(0.1);
        Assert.NotEqual(Rational.Parse("0.1"), fromDouble); // the double 0.1 is not 1/10
        Assert.Equal(BigInteger.Pow(2, 55), fromDouble.Denominator);
        Assert.Equal(0.1, fromDouble.ToDouble());
    }

    [Fact]
    public void ExactDecimalOnlyForTerminatingFractions()
    {
        Assert.Equal("0.125", new Rational(1, 8).ToExactDecimal());
        Assert.Equal("-12.5", new Rational(-25, 2).ToExactDecimal());
        Assert.Equal("0.04", new Rational(1, 25).ToExactDecimal());
        Assert.Null(new Rational(1, 3).ToExactDecimal());
        Assert.Equal("2/3", new Rational(4, 6).ToString());
    }
}
