package io.jipc.internal.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the exact {@link BigDecimal} of a long number token in sub-quadratic time.
 *
 * <p>JDK 17's {@code new BigDecimal(String)} converts the digits to binary in time quadratic in
 * their number: about 16 seconds for the million digits a 1 MiB frame can hold, which a peer could
 * use to stall a reader thread. Here the digits are split in halves recursively and joined with
 * {@code high·10^n + low}, so the cost follows {@link BigInteger#multiply}'s Karatsuba and
 * Toom-Cook algorithms.
 *
 * <p>Stateless; thread-safe.
 */
final class ExactDecimals {
  /** Tokens up to this many bytes go through {@code new BigDecimal(String)}: fast enough there. */
  static final int SMALL = 400;

  private static final int CHUNK = 256;

  private ExactDecimals() {}

  /** Returns {@code ±(int digits . frac digits)·10^exponent} exactly; |exponent| <= 10^9 + 1. */
  static BigDecimal of(
      byte[] buf,
      int intStart,
      int intEnd,
      int fracStart,
      int fracEnd,
      long exponent,
      boolean negative) {
    int intLength = intEnd - intStart;
    int fracLength = fracEnd - fracStart;
    byte[] digits = new byte[intLength + fracLength];
    System.arraycopy(buf, intStart, digits, 0, intLength);
    System.arraycopy(buf, fracStart, digits, intLength, fracLength);
    List<BigInteger> powers = new ArrayList<>(); // powers.get(i) = 10^(CHUNK·2^i)
    BigInteger unscaled = parse(digits, 0, digits.length, powers);
    int scale = Math.toIntExact(fracLength - exponent);
    return new BigDecimal(negative ? unscaled.negate() : unscaled, scale);
  }

  private static BigInteger parse(byte[] digits, int from, int to, List<BigInteger> powers) {
    int n = to - from;
    if (n <= CHUNK) {
      return new BigInteger(new String(digits, from, n, StandardCharsets.ISO_8859_1));
    }
    // The low part is CHUNK·2^level digits, at least half of them, so 10^(its length) is reused.
    int level = 0;
    while ((long) CHUNK << (level + 1) < n) {
      level++;
    }
    int lowLength = CHUNK << level;
    BigInteger high = parse(digits, from, to - lowLength, powers);
    BigInteger low = parse(digits, to - lowLength, to, powers);
    return high.multiply(power(level, powers)).add(low);
  }

  private static BigInteger power(int level, List<BigInteger> powers) {
    while (powers.size() <= level) {
      powers.add(
          powers.isEmpty() ? BigInteger.TEN.pow(CHUNK) : powers.get(powers.size() - 1).pow(2));
    }
    return powers.get(level);
  }
}
