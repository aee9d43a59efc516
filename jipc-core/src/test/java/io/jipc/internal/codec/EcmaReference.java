package io.jipc.internal.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A slow, obviously-correct {@code Number::toString} written straight from the ECMAScript
 * definition with exact decimal arithmetic, to check {@link EcmaNumbers} against.
 */
final class EcmaReference {
  private EcmaReference() {}

  static String toString(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return "null";
    }
    if (v == 0) {
      return "0";
    }
    if (v < 0) {
      return "-" + toString(-v);
    }
    BigDecimal shortest = shortest(v);
    String digits = shortest.unscaledValue().toString();
    return layout(digits, digits.length() - shortest.scale());
  }

  /** The decimal ECMAScript picks: fewest digits, then closest to v, then even. */
  static BigDecimal shortest(double v) {
    BigDecimal exact = new BigDecimal(v);
    long bits = Double.doubleToRawLongBits(v);
    int biased = (int) (bits >>> 52);
    long fraction = bits & ((1L << 52) - 1);
    long c = biased == 0 ? fraction : fraction | 1L << 52;
    int q = biased == 0 ? -1074 : biased - 1075;
    BigDecimal half = pow2(q - 1);
    BigDecimal lowHalf = fraction == 0 && biased > 1 ? pow2(q - 2) : half;
    BigDecimal low = exact.subtract(lowHalf);
    BigDecimal high = exact.add(half);
    boolean closed = (c & 1) == 0;
    int p = exact.precision() - exact.scale() - 1; // floor(log10(v))
    for (int n = 1; n <= 17; n++) {
      BigDecimal down = exact.round(new MathContext(n, RoundingMode.FLOOR));
      BigDecimal up = exact.round(new MathContext(n, RoundingMode.CEILING));
      boolean downOk = inside(down, low, high, closed);
      boolean upOk = inside(up, low, high, closed);
      if (downOk && upOk) {
        int cmp = exact.subtract(down).compareTo(up.subtract(exact));
        if (cmp != 0) {
          return (cmp < 0 ? down : up).stripTrailingZeros();
        }
        BigInteger s = down.scaleByPowerOfTen(n - 1 - p).toBigIntegerExact();
        return (s.testBit(0) ? up : down).stripTrailingZeros();
      }
      if (downOk || upOk) {
        return (downOk ? down : up).stripTrailingZeros();
      }
    }
    throw new AssertionError("no decimal of 17 digits for " + v);
  }

  private static boolean inside(BigDecimal x, BigDecimal low, BigDecimal high, boolean closed) {
    int lo = x.compareTo(low);
    int hi = x.compareTo(high);
    return closed ? lo >= 0 && hi <= 0 : lo > 0 && hi < 0;
  }

  private static BigDecimal pow2(int e) {
    return e >= 0
        ? new BigDecimal(BigInteger.ONE.shiftLeft(e))
        : BigDecimal.ONE.divide(new BigDecimal(BigInteger.ONE.shiftLeft(-e)));
  }

  /** ECMAScript's Number::toString layout of 0.DIGITS × 10^n. */
  static String layout(String digits, int n) {
    int k = digits.length();
    if (k <= n && n <= 21) {
      return digits + "0".repeat(n - k);
    }
    if (0 < n && n <= 21) {
      return digits.substring(0, n) + "." + digits.substring(n);
    }
    if (-6 < n && n <= 0) {
      return "0." + "0".repeat(-n) + digits;
    }
    String mantissa = k == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return mantissa + "e" + (n - 1 > 0 ? "+" : "-") + Math.abs(n - 1);
  }
}
