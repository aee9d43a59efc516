package io.jipc.internal.codec;

import java.util.Arrays;

/**
 * A growable byte buffer that outgoing frames are encoded into, with a hard size limit.
 *
 * <p>The limit exists so that an encoder stops at the first byte past it (with {@link
 * OverflowException}) instead of building a huge frame that the peer or the send queue would refuse
 * anyway. Capacity is reserved exactly: a write that fits under the limit never fails.
 *
 * <p>Not thread-safe: one sink belongs to one encoding thread at a time.
 */
public final class ByteSink {
  private static final int MAX_ARRAY_SIZE = Integer.MAX_VALUE - 8;

  private byte[] buf;
  private int size;
  private int limit = MAX_ARRAY_SIZE;
  private int writable; // min(buf.length, limit): where the next write must grow or fail

  /**
   * Creates an empty sink.
   *
   * @param initialCapacity bytes to allocate up front; at least 0
   * @throws IllegalArgumentException if {@code initialCapacity} is negative
   */
  public ByteSink(int initialCapacity) {
    if (initialCapacity < 0) {
      throw new IllegalArgumentException("initialCapacity must be >= 0: " + initialCapacity);
    }
    buf = new byte[initialCapacity];
    writable = initialCapacity;
  }

  /**
   * Sets the most bytes this sink may hold; later writes that would go past it throw {@link
   * OverflowException}. Bytes already written are kept even if they exceed the new limit. The
   * default is {@code Integer.MAX_VALUE - 8}, the largest array the JVM reliably allocates.
   *
   * @throws IllegalArgumentException if {@code maxBytes} is negative or above the default
   */
  public void limit(int maxBytes) {
    if (maxBytes < 0 || maxBytes > MAX_ARRAY_SIZE) {
      throw new IllegalArgumentException(
          "maxBytes must be in [0, " + MAX_ARRAY_SIZE + "]: " + maxBytes);
    }
    limit = maxBytes;
    writable = Math.min(buf.length, limit);
  }

  /** Returns the most bytes this sink may hold. */
  public int limit() {
    return limit;
  }

  /**
   * Makes room for {@code extra} more bytes, so that {@link #array()} can be written directly up to
   * {@code size() + extra}.
   *
   * @throws OverflowException if {@code size() + extra} exceeds the limit
   */
  public void ensureCapacity(int extra) {
    if (extra > writable - size) {
      grow(extra);
    }
  }

  private void grow(int extra) {
    if (extra < 0 || extra > limit - size) {
      throw new OverflowException(limit);
    }
    int needed = size + extra;
    if (needed > buf.length) {
      // Doubling keeps appends amortised O(1); the cap keeps a near-limit frame from allocating
      // twice what it may ever hold.
      int doubled = buf.length > (limit >> 1) ? limit : Math.max(buf.length << 1, 16);
      buf = Arrays.copyOf(buf, Math.min(limit, Math.max(needed, doubled)));
    }
    writable = Math.min(buf.length, limit);
  }

  /** Appends the low 8 bits of {@code b}. */
  public void write(int b) {
    if (size >= writable) {
      grow(1);
    }
    buf[size++] = (byte) b;
  }

  /** Appends {@code len} bytes of {@code b} starting at {@code off}. */
  public void write(byte[] b, int off, int len) {
    if ((off | len) < 0 || len > b.length - off) {
      throw new IndexOutOfBoundsException(
          "off " + off + ", len " + len + " out of bounds for length " + b.length);
    }
    ensureCapacity(len);
    System.arraycopy(b, off, buf, size, len);
    size += len;
  }

  /**
   * Appends {@code s}, one byte per char.
   *
   * @throws IllegalArgumentException if {@code s} holds a char at or above U+0080; nothing of
   *     {@code s} is kept then
   */
  public void writeAscii(String s) {
    int n = s.length();
    ensureCapacity(n);
    byte[] a = buf;
    int p = size;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        throw new IllegalArgumentException("not ASCII: char U+" + Integer.toHexString(c));
      }
      a[p + i] = (byte) c;
    }
    size = p + n;
  }

  /** Returns the number of bytes written since creation or the last {@link #reset()}. */
  public int size() {
    return size;
  }

  /**
   * Returns the backing array itself, valid from index 0 up to {@link #size()}; it is replaced when
   * the sink grows, so read it again after writing.
   */
  public byte[] array() {
    return buf;
  }

  /**
   * Moves the write position to {@code newSize}, for callers that wrote into {@link #array()}
   * directly after {@link #ensureCapacity(int)}.
   *
   * @throws IndexOutOfBoundsException if {@code newSize} is negative or beyond the capacity
   */
  void size(int newSize) {
    if (newSize < 0 || newSize > writable) {
      throw new IndexOutOfBoundsException("size " + newSize + ", capacity " + writable);
    }
    size = newSize;
  }

  /** Forgets the bytes written; keeps the capacity and the limit. */
  public void reset() {
    size = 0;
  }

  /** Returns a copy of the bytes written. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  /** Thrown when a write would take a {@link ByteSink} past its limit. */
  public static final class OverflowException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int limit;

    OverflowException(int limit) {
      super("encoded size exceeds the limit of " + limit + " bytes");
      this.limit = limit;
    }

    /** Returns the limit that was reached, in bytes. */
    public int limit() {
      return limit;
    }
  }
}
