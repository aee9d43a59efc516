package io.jipc.internal.codec;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The immutable {@code Map<String, Object>} that {@link JsonReader} builds for a JSON object: its
 * members in JavaScript's order ({@link KeyOrder}), without duplicates (the first position, the
 * last value).
 *
 * <p>Two arrays instead of a {@code LinkedHashMap}: objects are built once and mostly iterated, so
 * small ones (the usual payload) need no entry objects, and {@link JsonWriter} walks the arrays
 * directly. Lookups scan small objects; larger ones keep a {@link HashMap} index, whose tree bins
 * keep keys crafted to collide from making parsing quadratic. Mutators throw {@link
 * UnsupportedOperationException}. Immutable, hence thread-safe (values are as thread-safe as they
 * are).
 */
final class JsonObject extends AbstractMap<String, Object> {
  private static final int SCAN_LIMIT = 8;

  private final String[] keys;
  private final Object[] values;
  private final HashMap<String, Integer> index; // null when small

  private JsonObject(String[] keys, Object[] values, HashMap<String, Integer> index) {
    this.keys = keys;
    this.values = values;
    this.index = index;
  }

  /**
   * Builds an object from {@code pairs[from, to)} (key, value, key, value, …) in input order.
   *
   * @param mayHaveIndexKeys false only if no key is an array index, which skips reordering
   */
  static JsonObject of(Object[] pairs, int from, int to, boolean mayHaveIndexKeys) {
    int n = (to - from) / 2;
    String[] keys = new String[n];
    Object[] values = new Object[n];
    HashMap<String, Integer> index = n > SCAN_LIMIT ? new HashMap<>(capacityFor(n)) : null;
    int size = 0;
    for (int p = from; p < to; p += 2) {
      String key = (String) pairs[p];
      int existing = index == null ? scan(keys, size, key) : index.getOrDefault(key, -1);
      if (existing >= 0) {
        values[existing] = pairs[p + 1]; // JSON.parse: the last value wins, in the first place
      } else {
        if (index != null) {
          index.put(key, size);
        }
        keys[size] = key;
        values[size++] = pairs[p + 1];
      }
    }
    if (size < n) {
      keys = Arrays.copyOf(keys, size);
      values = Arrays.copyOf(values, size);
    }
    if (mayHaveIndexKeys && KeyOrder.indicesFirst(keys, values) && index != null) {
      for (int i = 0; i < size; i++) {
        index.put(keys[i], i);
      }
    }
    return new JsonObject(keys, values, index);
  }

  /** Returns a {@code HashMap} capacity that holds {@code size} entries without rehashing. */
  private static int capacityFor(int size) {
    return (int) Math.min(1 << 30, (long) size * 4 / 3 + 1);
  }

  /** Returns the key of member {@code i}, in JavaScript order. */
  String key(int i) {
    return keys[i];
  }

  /** Returns the value of member {@code i}, in JavaScript order. */
  Object value(int i) {
    return values[i];
  }

  @Override
  public int size() {
    return keys.length;
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  public Object get(Object key) {
    int i = indexOf(key);
    return i >= 0 ? values[i] : null;
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super Object> action) {
    for (int i = 0; i < keys.length; i++) {
      action.accept(keys[i], values[i]);
    }
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return keys.length;
      }

      @Override
      public Iterator<Entry<String, Object>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < keys.length;
          }

          @Override
          public Entry<String, Object> next() {
            if (next >= keys.length) {
              throw new NoSuchElementException();
            }
            int i = next++;
            return new SimpleImmutableEntry<>(keys[i], values[i]);
          }
        };
      }
    };
  }

  private int indexOf(Object key) {
    if (!(key instanceof String s)) {
      return -1;
    }
    if (index == null) {
      return scan(keys, keys.length, s);
    }
    Integer i = index.get(s);
    return i == null ? -1 : i;
  }

  private static int scan(String[] keys, int size, String key) {
    for (int i = 0; i < size; i++) {
      if (keys[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }
}
