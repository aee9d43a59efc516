package io.jipc.internal.codec;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Formats doubles exactly as ECMAScript's {@code Number::toString} does (what {@code
 * JSON.stringify} prints), and finds the shortest decimal that reads back as a given double.
 *
 * <p>Neither JDK fits: JDK 17's {@code Double.toString} sometimes prints more digits than needed,
 * and JDK 19+ prefers a closer two-digit result where a one-digit one exists ({@code 4.9E-324},
 * where JavaScript prints {@code 5e-324}).
 *
 * <p>The method: a double {@code v = c·2^q} rounds back from every real in its rounding interval
 * {@code R} (half-way to each neighbour, ends included when {@code c} is even). Choose {@code k}
 * with {@code 10^k <= width(R) < 10^(k+1)}; then {@code R} holds at most one multiple of {@code
 * 10^(k+1)} and, if there is one, it is the shortest decimal. Otherwise the shortest decimals are
 * the multiples of {@code 10^k} in {@code R}, and ECMAScript wants the one closest to {@code v},
 * the even one on a tie. Every decision needs only {@code floor(n·2^e·10^-k)} for a few integers
 * {@code n} and whether that quotient is an integer. The floor comes from a 128-bit approximation
 * of {@code 10^-k} whose error is far below one unit; the rare result that lands within that error
 * of an integer is settled exactly (by divisibility, or by {@link BigInteger}).
 *
 * <p>Stateless after class initialisation (which builds the power table with {@link BigInteger});
 * thread-safe.
 */
final class EcmaNumbers {
  /** A positive decimal {@code digits·10^exponent}, {@code digits} without trailing zeros. */
  record Decimal(long digits, int exponent) {}

  private static final int MIN_POW10 = -292;
  private static final int MAX_POW10 = 324;
  // 10^j ≈ (G_HI[i]·2^64 + G_LO[i])·2^BETA[i], truncated to 128 bits, i = j - MIN_POW10.
  private static final long[] G_HI = new long[MAX_POW10 - MIN_POW10 + 1];
  private static final long[] G_LO = new long[G_HI.length];
  private static final int[] BETA = new int[G_HI.length];
  private static final long[] POW5 = new long[28];

  static {
    BigInteger mask = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    for (int j = MIN_POW10; j <= MAX_POW10; j++) {
      BigInteger g;
      int beta;
      if (j >= 0) {
        BigInteger p = BigInteger.TEN.pow(j);
        beta = p.bitLength() - 128;
        g = beta <= 0 ? p.shiftLeft(-beta) : p.shiftRight(beta);
      } else {
        BigInteger five = BigInteger.valueOf(5).pow(-j);
        int shift = 127 + five.bitLength();
        g = BigInteger.ONE.shiftLeft(shift).divide(five);
        beta = -shift + j;
      }
      int i = j - MIN_POW10;
      G_HI[i] = g.shiftRight(64).longValue();
      G_LO[i] = g.and(mask).longValue();
      BETA[i] = beta;
    }
    POW5[0] = 1;
    for (int i = 1; i < POW5.length; i++) {
      POW5[i] = POW5[i - 1] * 5;
    }
  }

  private EcmaNumbers() {}

  /**
   * Returns ECMAScript's {@code Number::toString(v)}; {@code JSON.stringify} prints it, or null.
   */
  static String toString(double v) {
    ByteSink out = new ByteSink(32);
    write(v, out);
    return new String(out.array(), 0, out.size(), StandardCharsets.ISO_8859_1);
  }

  /**
   * Appends {@code v} as {@code JSON.stringify} prints it: ECMAScript's shortest form, {@code 0}
   * for {@code -0}, and {@code null} for NaN and the infinities.
   */
  static void write(double v, ByteSink out) {
    if (v != v || v == Double.POSITIVE_INFINITY || v == Double.NEGATIVE_INFINITY) {
      out.writeAscii("null");
      return;
    }
    // Integers below 2^53 print as themselves; this covers the common case without the search.
    if (v >= -0x1p53 && v <= 0x1p53 && v == (long) v) {
      JsonWriter.writeLong((long) v, out);
      return;
    }
    if (v < 0) {
      out.write('-');
      v = -v;
    }
    Decimal d = shortest(v);
    writeDecimal(d.digits(), d.exponent(), out);
  }

  /** Returns the shortest decimal that rounds to {@code v}, the closest to {@code v} on a tie. */
  static Decimal shortest(double v) {
    if (!(v > 0) || v == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("not a positive finite double: " + v);
    }
    long bits = Double.doubleToRawLongBits(v);
    int biased = (int) (bits >>> 52);
    long fraction = bits & 0xFFFFFFFFFFFFFL;
    long c = biased == 0 ? fraction : fraction | 1L << 52;
    int q = biased == 0 ? -1074 : biased - 1075;
    // Below a power of two the lower neighbour is twice as close, so R is 3/4 as wide.
    boolean asymmetric = fraction == 0 && biased > 1;
    int k = asymmetric ? floorLog10ThreeQuartersPow2(q) : floorLog10Pow2(q);
    // Everything is scaled by 4 so that the ends of R are integers times 2^(q-2).
    int e = q - 2;
    long vn = c << 2;
    Interval r = new Interval(vn - (asymmetric ? 1 : 2), vn + 2, e, k, (c & 1) == 0);
    long s = floorScaled(vn, e, k);
    long a = s - s % 10;
    if (r.contains(a)) {
      return withoutTrailingZeros(a / 10, k + 1);
    }
    if (r.contains(a + 10)) {
      return withoutTrailingZeros(a / 10 + 1, k + 1);
    }
    long twice = floorScaled(vn << 1, e, k);
    boolean atLeastHalf = twice != 2 * s;
    boolean exactHalf = atLeastHalf && isIntegerScaled(vn << 1, e, k);
    boolean up = atLeastHalf && (!exactHalf || (s & 1) != 0);
    long t = up ? s + 1 : s;
    if (!r.contains(t)) {
      t = up ? s : s + 1;
    }
    return new Decimal(t, k);
  }

  /** Returns {@code floor(log10(2^q))} for {@code |q| <= 1100}. */
  static int floorLog10Pow2(int q) {
    // 1262611 / 2^22 is just below log10(2); close enough that the floor is exact in range.
    return (q * 1262611) >> 22;
  }

  /** Returns {@code floor(log10(3/4 · 2^q))} for {@code |q| <= 1100}. */
  static int floorLog10ThreeQuartersPow2(int q) {
    // 524031 / 2^22 is just below -log10(3/4).
    return (q * 1262611 - 524031) >> 22;
  }

  /** The rounding interval of a double, as {@code [low, high]·2^e·10^-k}. */
  private static final class Interval {
    private final long lowFloor;
    private final boolean lowExact;
    private final long highFloor;
    private final boolean highExact;
    private final boolean closed;

    Interval(long low, long high, int e, int k, boolean closed) {
      lowFloor = floorScaled(low, e, k);
      lowExact = isIntegerScaled(low, e, k);
      highFloor = floorScaled(high, e, k);
      highExact = isIntegerScaled(high, e, k);
      this.closed = closed;
    }

    boolean contains(long t) {
      boolean aboveLow = t > lowFloor || (t == lowFloor && lowExact && closed);
      boolean belowHigh = t < highFloor || (t == highFloor && (!highExact || closed));
      return aboveLow && belowHigh;
    }
  }

  private static Decimal withoutTrailingZeros(long digits, int exponent) {
    // The loop ends: digits > 0 because a multiple of 10^(k+1) in R is positive.
    while (digits % 10 == 0) {
      digits /= 10;
      exponent++;
    }
    return new Decimal(digits, exponent);
  }

  /** Returns {@code floor(n·2^e·10^-k)} for {@code 0 < n < 2^58} whose result is below 2^58. */
  static long floorScaled(long n, int e, int k) {
    int i = -k - MIN_POW10;
    long gHi = G_HI[i];
    long gLo = G_LO[i];
    long lo = n * gLo;
    long mid = unsignedMultiplyHigh(n, gLo);
    long midLo = n * gHi;
    long top = unsignedMultiplyHigh(n, gHi);
    long sum = mid + midLo;
    if (Long.compareUnsigned(sum, midLo) < 0) {
      top++;
    }
    int shift = -(e + BETA[i]);
    long floor = bitsAt(top, sum, lo, shift);
    long fraction = bitsAt(top, sum, lo, shift - 64);
    // The approximation is below the exact value by less than 2^-63; only a fraction within that
    // of 1 can hide a carry into the integer part.
    if (Long.compareUnsigned(fraction, -16L) < 0) {
      return floor;
    }
    if (isIntegerScaled(n, e, k)) {
      return floor + 1;
    }
    return exactFloorScaled(n, e, k);
  }

  private static long bitsAt(long p2, long p1, long p0, int pos) {
    if (pos >= 128) {
      return p2 >>> (pos - 128);
    }
    if (pos >= 64) {
      int d = pos - 64;
      return d == 0 ? p1 : (p1 >>> d) | (p2 << (64 - d));
    }
    return pos == 0 ? p0 : (p0 >>> pos) | (p1 << (64 - pos));
  }

  /** Returns whether {@code n·2^e·10^-k} is an integer, for {@code 0 < n < 2^58}. */
  static boolean isIntegerScaled(long n, int e, int k) {
    int twos = e - k + Long.numberOfTrailingZeros(n);
    if (twos < 0) {
      return false;
    }
    // 5^k divides n only for k < 25, as n < 2^58 < 5^25.
    return k <= 0 || (k < POW5.length && n % POW5[k] == 0);
  }

  static long exactFloorScaled(long n, int e, int k) {
    BigInteger num = BigInteger.valueOf(n);
    BigInteger den = BigInteger.ONE;
    if (e >= 0) {
      num = num.shiftLeft(e);
    } else {
      den = den.shiftLeft(-e);
    }
    if (k <= 0) {
      num = num.multiply(BigInteger.TEN.pow(-k));
    } else {
      den = den.multiply(BigInteger.TEN.pow(k));
    }
    return num.divide(den).longValueExact();
  }

  private static long unsignedMultiplyHigh(long a, long b) {
    return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
  }

  /** Appends {@code digits·10^exponent} (positive) in ECMAScript's layout. */
  static void writeDecimal(long digits, int exponent, ByteSink out) {
    int count = JsonWriter.decimalLength(digits);
    int point = exponent + count; // ECMAScript's n: the value is 0.DIGITS × 10^n
    if (count <= point && point <= 21) {
      JsonWriter.writeLong(digits, out);
      for (int i = count; i < point; i++) {
        out.write('0');
      }
    } else if (0 < point && point <= 21) {
      writeDigits(digits, count, point, out);
    } else if (-6 < point && point <= 0) {
      out.write('0');
      out.write('.');
      for (int i = point; i < 0; i++) {
        out.write('0');
      }
      JsonWriter.writeLong(digits, out);
    } else {
      writeDigits(digits, count, count == 1 ? 1 : 1, out);
      out.write('e');
      out.write(point - 1 > 0 ? '+' : '-');
      JsonWriter.writeLong(Math.abs(point - 1), out);
    }
  }

  /** Writes the digits with a decimal point after the first {@code point} (none if all). */
  private static void writeDigits(long digits, int count, int point, ByteSink out) {
    boolean dot = point < count;
    out.ensureCapacity(count + (dot ? 1 : 0));
    byte[] a = out.array();
    int end = out.size() + count + (dot ? 1 : 0);
    int p = end;
    for (int i = count - 1; i >= 0; i--) {
      if (dot && i == point - 1) {
        a[--p] = '.';
      }
      a[--p] = (byte) ('0' + digits % 10);
      digits /= 10;
    }
    out.size(end);
  }
}
