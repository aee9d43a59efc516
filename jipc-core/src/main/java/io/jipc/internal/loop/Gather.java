package io.jipc.internal.loop;

import java.nio.ByteBuffer;

/**
 * The pieces of one gathering write: up to {@link Buffers#VIEWS} runs of bytes, each an array and a
 * range of it, in the order they must leave. A connection's queue fills it, a conduit writes it and
 * says how many bytes (a prefix) it consumed; arrays are referenced, never copied, until the
 * conduit copies them out. Belongs to one loop's {@link Buffers}; loop thread only.
 */
public final class Gather {
  private final byte[][] arrays = new byte[Buffers.VIEWS][];
  private final int[] offsets = new int[Buffers.VIEWS];
  private final int[] lengths = new int[Buffers.VIEWS];
  private int count;
  private long bytes;

  Gather() {}

  /** Empties the list and lets go of the arrays it referenced. */
  public void clear() {
    for (int i = 0; i < count; i++) {
      arrays[i] = null;
    }
    count = 0;
    bytes = 0;
  }

  /** Returns true when no more pieces fit. */
  public boolean full() {
    return count == arrays.length;
  }

  /** Adds {@code array[offset, offset + length)}; the caller checks {@link #full()} first. */
  public void add(byte[] array, int offset, int length) {
    arrays[count] = array;
    offsets[count] = offset;
    lengths[count] = length;
    count++;
    bytes += length;
  }

  /** Returns the number of pieces. */
  public int count() {
    return count;
  }

  /** Returns the number of bytes in all pieces. */
  public long bytes() {
    return bytes;
  }

  /** Returns the array of piece {@code i}. */
  public byte[] array(int i) {
    return arrays[i];
  }

  /** Returns where piece {@code i} begins in its array. */
  public int offset(int i) {
    return offsets[i];
  }

  /** Returns the length of piece {@code i}. */
  public int length(int i) {
    return lengths[i];
  }

  /** Returns a new buffer over each piece, for code that needs buffers (an SSLEngine). */
  public ByteBuffer[] toBuffers() {
    ByteBuffer[] buffers = new ByteBuffer[count];
    for (int i = 0; i < count; i++) {
      buffers[i] = ByteBuffer.wrap(arrays[i], offsets[i], lengths[i]);
    }
    return buffers;
  }
}
