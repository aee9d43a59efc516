package io.jipc.internal.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The event types and object keys a loop thread has read, so that a frame repeating a type or a key
 * gets the very same {@link String}: no allocation, a cached hash for handler lookup, an identity
 * test for "this name already passed the profile's rules", and a key comparison that succeeds on
 * identity. Only plain printable ASCII names without escapes are kept, in a small direct-mapped
 * table that forgets on collision. Not thread-safe: one per thread.
 */
public final class TypeNames {
  private static final int SLOTS = 64;
  private static final int MAX_LENGTH = 128;

  private final byte[][] bytes = new byte[SLOTS][];
  private final String[] names = new String[SLOTS];

  /**
   * Returns the type whose JSON string content is {@code buf[from, to)}, which must be plain
   * printable ASCII without escapes.
   */
  String name(byte[] buf, int from, int to) {
    int length = to - from;
    if (length > MAX_LENGTH || length == 0) {
      return new String(buf, from, length, StandardCharsets.ISO_8859_1);
    }
    int slot =
        (length * 31 + buf[from] * 7 + buf[to - 1] + buf[from + length / 2] * 13) & (SLOTS - 1);
    byte[] known = bytes[slot];
    if (known != null && Arrays.equals(known, 0, known.length, buf, from, to)) {
      return names[slot];
    }
    String name = new String(buf, from, length, StandardCharsets.ISO_8859_1);
    bytes[slot] = Arrays.copyOfRange(buf, from, to);
    names[slot] = name;
    return name;
  }
}
