package io.jipc.cli.bench;

/**
 * The bench harness's payload of one sequence number, formatted in place: the number in lowercase
 * hex, zero-padded to {@code min(8, size)} digits (only the low digits when {@code size < 8}), then
 * {@code a} up to {@code size} characters.
 *
 * <pre>
 * size 16, seq 42:   0000002aaaaaaaaa
 *                    |digits||-tail-|
 * </pre>
 *
 * <p>One instance is rewritten for every send ({@link #set}), so sending allocates no string (jipc
 * copies a {@link CharSequence} into the frame before {@code emit} returns). The one payload of
 * {@code jipc bench} and of jipc-bench's harness client. Not thread-safe.
 */
public final class Payload implements CharSequence {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final char[] chars;
  private final int digits;
  private final long mask;
  private final String tail;

  /**
   * Creates the payload of {@code size} characters, set to sequence number 0.
   *
   * @throws IllegalArgumentException if {@code size} is below 1
   */
  public Payload(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("payload must be at least 1 character, not " + size);
    }
    chars = new char[size];
    digits = Math.min(8, size);
    mask = digits == 8 ? 0xFFFF_FFFFL : (1L << (4 * digits)) - 1;
    tail = "a".repeat(size - digits);
    tail.getChars(0, tail.length(), chars, digits);
    set(0);
  }

  /** Returns the mask of the sequence bits the digits hold: {@code 0xffffffff} for 8 digits. */
  public long mask() {
    return mask;
  }

  /** Rewrites the digits for {@code seq} and returns this payload. */
  public Payload set(long seq) {
    long v = seq & mask;
    for (int i = digits - 1; i >= 0; i--) {
      chars[i] = HEX[(int) (v & 0xF)];
      v >>>= 4;
    }
    return this;
  }

  /** Returns the sequence bits that {@code data} holds, or -1 if it is not such a payload. */
  public long sequenceBits(Object data) {
    if (!(data instanceof String s) || s.length() != chars.length) {
      return -1;
    }
    long v = 0;
    for (int i = 0; i < digits; i++) {
      int digit = Character.digit(s.charAt(i), 16);
      if (digit < 0 || Character.isUpperCase(s.charAt(i))) {
        return -1;
      }
      v = (v << 4) | digit;
    }
    return v;
  }

  /** Returns true if {@code data} is exactly the payload of {@code seq}. */
  public boolean matches(Object data, long seq) {
    if (!(data instanceof String s) || s.length() != chars.length) {
      return false;
    }
    long v = seq & mask;
    for (int i = digits - 1; i >= 0; i--) {
      if (s.charAt(i) != HEX[(int) (v & 0xF)]) {
        return false;
      }
      v >>>= 4;
    }
    return s.startsWith(tail, digits);
  }

  @Override
  public int length() {
    return chars.length;
  }

  @Override
  public char charAt(int index) {
    return chars[index];
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return new String(chars, start, end - start);
  }

  @Override
  public String toString() {
    return new String(chars);
  }
}
