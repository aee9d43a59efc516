package io.jipc.internal.codec;

import java.util.Arrays;
import java.util.Collections;

/**
 * Reads nested arrays and objects for {@link JsonReader} with an explicit stack instead of
 * recursion, so that nesting costs heap bounded by {@code maxDepth}, never thread stack.
 *
 * <p>The elements of all open containers share one growing array (objects as key, value, key, …); a
 * finished container copies its slice into its unmodifiable result. Not thread-safe: it belongs to
 * one reader.
 */
final class ContainerStack {
  private final JsonReader reader;
  private Level[] levels = new Level[4];
  private Object[] elements = new Object[16];
  private int top;

  ContainerStack(JsonReader reader) {
    this.reader = reader;
  }

  /** One open array or object; reused by later containers at the same depth. */
  private static final class Level {
    int base;
    boolean object;
    boolean hasElements;
    boolean hasIndexKey;
  }

  /** Reads the array or object at the reader's position (which holds '[' or '{'). */
  Object read() throws JsonException {
    byte[] buf = reader.buffer();
    top = 0;
    int depth = 0;
    Level level = open(depth++, buf);
    while (true) {
      if (!closes(level, buf)) {
        if (level.object) {
          readKey(level, buf);
        }
        int pos = reader.position();
        if (pos < reader.end() && (buf[pos] == '[' || buf[pos] == '{')) {
          if (depth >= reader.maxDepth()) {
            throw reader.tooDeep();
          }
          level = open(depth++, buf);
        } else {
          push(reader.readScalar());
        }
        continue;
      }
      Object value = finish(level);
      if (--depth == 0) {
        return value;
      }
      level = levels[depth - 1];
      push(value);
    }
  }

  /**
   * Consumes what follows an opening bracket or an element: returns true after the closing bracket,
   * false when an element comes next (after its ',' and whitespace).
   */
  private boolean closes(Level level, byte[] buf) throws JsonException {
    reader.skipWhitespace();
    int pos = reader.position();
    int b = pos < reader.end() ? buf[pos] : -1;
    int close = level.object ? '}' : ']';
    if (b == close) {
      reader.advanceTo(pos + 1);
      return true;
    }
    if (level.hasElements) {
      if (b != ',') {
        throw reader.unexpected(pos, level.object ? "',' or '}'" : "',' or ']'");
      }
      reader.advanceTo(pos + 1);
      reader.skipWhitespace();
    }
    level.hasElements = true;
    return false;
  }

  private void readKey(Level level, byte[] buf) throws JsonException {
    int pos = reader.position();
    if (pos >= reader.end() || buf[pos] != '"') {
      throw reader.unexpected(pos, "a string key");
    }
    String key = reader.readKey();
    if (!level.hasIndexKey && !key.isEmpty() && key.charAt(0) <= '9' && key.charAt(0) >= '0') {
      level.hasIndexKey = KeyOrder.isArrayIndex(key);
    }
    push(key);
    reader.skipWhitespace();
    pos = reader.position();
    if (pos >= reader.end() || buf[pos] != ':') {
      throw reader.unexpected(pos, "':'");
    }
    reader.advanceTo(pos + 1);
    reader.skipWhitespace();
  }

  private Level open(int depth, byte[] buf) {
    if (depth == levels.length) {
      levels = Arrays.copyOf(levels, depth * 2);
    }
    Level level = levels[depth];
    if (level == null) {
      level = new Level();
      levels[depth] = level;
    }
    level.base = top;
    level.object = buf[reader.position()] == '{';
    level.hasElements = false;
    level.hasIndexKey = false;
    reader.advanceTo(reader.position() + 1);
    return level;
  }

  private void push(Object value) {
    if (top == elements.length) {
      elements = Arrays.copyOf(elements, top * 2);
    }
    elements[top++] = value;
  }

  private Object finish(Level level) {
    int base = level.base;
    int n = top - base;
    top = base; // the slice is left for the next container to overwrite
    if (!level.object) {
      return n == 0
          ? Collections.emptyList()
          : Collections.unmodifiableList(
              Arrays.asList(Arrays.copyOfRange(elements, base, base + n)));
    }
    return n == 0
        ? Collections.emptyMap()
        : JsonObject.of(elements, base, base + n, level.hasIndexKey);
  }
}
