package io.jipc.internal.codec;

import java.util.Arrays;
import java.util.Comparator;

/**
 * JavaScript's order of object members, shared by the reader and the writer: keys that are array
 * indices ({@code "0"} to {@code "4294967294"}, no leading zeros) come first in ascending numeric
 * order, then the other keys in insertion order. Both {@code JSON.parse} and {@code JSON.stringify}
 * follow it, so a map read from or written for a peer must too.
 *
 * <p>Stateless; thread-safe.
 */
final class KeyOrder {
  // For canonical decimal strings, the shorter one is smaller; equal lengths compare as text.
  static final Comparator<String> INDEX_ORDER =
      Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder());

  private static final long MAX_INDEX = 4294967294L;

  private KeyOrder() {}

  /** Returns whether {@code key} is a canonical array index, which JavaScript orders first. */
  static boolean isArrayIndex(String key) {
    int n = key.length();
    if (n == 0 || n > 10) {
      return false;
    }
    char first = key.charAt(0);
    if (first < '0' || first > '9' || (first == '0' && n > 1)) {
      return false;
    }
    long value = 0;
    for (int i = 0; i < n; i++) {
      char c = key.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
      value = value * 10 + (c - '0');
    }
    return value <= MAX_INDEX;
  }

  /**
   * Moves the members whose keys are array indices to the front, in ascending numeric order, and
   * keeps the others in their order after them; {@code keys} and {@code values} are parallel.
   *
   * @return whether there was any array index key
   */
  static boolean indicesFirst(String[] keys, Object[] values) {
    int n = keys.length;
    Integer[] indexPositions = null;
    int count = 0;
    for (int i = 0; i < n; i++) {
      if (isArrayIndex(keys[i])) {
        if (indexPositions == null) {
          indexPositions = new Integer[n - i];
        }
        indexPositions[count++] = i;
      }
    }
    if (count == 0) {
      return false;
    }
    Arrays.sort(indexPositions, 0, count, (a, b) -> INDEX_ORDER.compare(keys[a], keys[b]));
    String[] oldKeys = keys.clone();
    Object[] oldValues = values.clone();
    int next = 0;
    for (int j = 0; j < count; j++) {
      keys[next] = oldKeys[indexPositions[j]];
      values[next++] = oldValues[indexPositions[j]];
    }
    for (int i = 0; i < n; i++) {
      if (!isArrayIndex(oldKeys[i])) {
        keys[next] = oldKeys[i];
        values[next++] = oldValues[i];
      }
    }
    return true;
  }
}
