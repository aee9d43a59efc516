package io.jipc.internal.codec;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * Turns a JSON number token that is not a plain {@code long} into the payload model's value: a
 * {@link Double} when the double prints back (in ECMAScript's shortest form) as the same decimal
 * value as the token, so that nothing is lost by holding it as a double; otherwise a {@link
 * BigDecimal} holding the token's exact value.
 *
 * <p>One exception: a token whose decimal exponent is beyond ±10^9 has no practical {@code
 * BigDecimal} form; it becomes the double JavaScript reads for it (±Infinity or ±0.0).
 *
 * <p>Stateless; thread-safe.
 */
final class JsonNumbers {
  private static final double[] POW10 = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };
  private static final long EXPONENT_CAP = 2_000_000_000L;
  private static final long MAX_BIG_DECIMAL_EXPONENT = 1_000_000_000L;

  private JsonNumbers() {}

  /**
   * Returns the value of the number token {@code buf[start, end)}, which must already match JSON's
   * number grammar.
   */
  static Object value(byte[] buf, int start, int end) {
    int i = start;
    boolean negative = buf[i] == '-';
    if (negative) {
      i++;
    }
    int intStart = i;
    while (i < end && isDigit(buf[i])) {
      i++;
    }
    int intEnd = i;
    int fracStart = intEnd;
    int fracEnd = intEnd;
    if (i < end && buf[i] == '.') {
      fracStart = ++i;
      while (i < end && isDigit(buf[i])) {
        i++;
      }
      fracEnd = i;
    }
    long exponent = i < end ? exponent(buf, i + 1, end) : 0;
    Significand sig = Significand.of(buf, intStart, intEnd, fracStart, fracEnd);
    if (sig.count == 0) {
      return negative ? -0.0 : 0.0;
    }
    long exp10 = exponent + sig.lastPlace;
    if (sig.count <= 17 && Math.abs(exp10) <= 400) {
      double d = magnitude(sig, exp10);
      if (isShortest(d, sig, exp10)) {
        return negative ? -d : d;
      }
    }
    if (Math.abs(exp10) > MAX_BIG_DECIMAL_EXPONENT) {
      double d = exp10 > 0 ? Double.POSITIVE_INFINITY : 0.0;
      return negative ? -d : d;
    }
    if (end - start <= ExactDecimals.SMALL) {
      return new BigDecimal(new String(buf, start, end - start, StandardCharsets.ISO_8859_1));
    }
    return ExactDecimals.of(buf, intStart, intEnd, fracStart, fracEnd, exponent, negative);
  }

  private static boolean isShortest(double d, Significand sig, long exp10) {
    if (!(d > 0) || d == Double.POSITIVE_INFINITY) {
      return false;
    }
    // Two decimals of at most 15 digits never round to the same normal double, so a token that
    // short is already the shortest form of its double.
    if (sig.count <= 15 && d >= Double.MIN_NORMAL) {
      return true;
    }
    EcmaNumbers.Decimal shortest = EcmaNumbers.shortest(d);
    return shortest.digits() == sig.digits && shortest.exponent() == exp10;
  }

  private static double magnitude(Significand sig, long exp10) {
    // Both operands are exact doubles, so one multiplication or division rounds correctly.
    if (sig.count <= 15 && Math.abs(exp10) <= 22) {
      double m = sig.digits;
      return exp10 >= 0 ? m * POW10[(int) exp10] : m / POW10[(int) -exp10];
    }
    // The token itself may be long (zeros); its significant digits say the same in short.
    return Double.parseDouble(sig.digits + "E" + exp10);
  }

  /** Parses the exponent after 'e' or 'E', saturating far beyond any meaningful value. */
  private static long exponent(byte[] buf, int i, int end) {
    boolean negative = buf[i] == '-';
    if (buf[i] == '-' || buf[i] == '+') {
      i++;
    }
    long value = 0;
    for (; i < end; i++) {
      value = Math.min(EXPONENT_CAP, value * 10 + (buf[i] - '0'));
    }
    return negative ? -value : value;
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  /** The significant digits of a token: no leading or trailing zeros. */
  private static final class Significand {
    /** How many significant digits there are; 0 for a zero. */
    int count;

    /** The significant digits as a number, valid when {@code count <= 18}. */
    long digits;

    /** The power of ten of the last significant digit, before the exponent. */
    long lastPlace;

    static Significand of(byte[] buf, int intStart, int intEnd, int fracStart, int fracEnd) {
      Significand s = new Significand();
      int seen = 0; // digits since the first non-zero one, zeros included
      long acc = 0;
      int intLength = intEnd - intStart;
      int total = intLength + (fracEnd - fracStart);
      for (int j = 0; j < total; j++) {
        int d = (j < intLength ? buf[intStart + j] : buf[fracStart + j - intLength]) - '0';
        if (seen == 0 && d == 0) {
          continue;
        }
        seen++;
        if (seen <= 18) {
          acc = acc * 10 + d;
        }
        if (d != 0) {
          s.count = seen;
          s.digits = acc;
          s.lastPlace = intLength - 1 - j;
        }
      }
      return s;
    }
  }
}
