package io.jipc.internal.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * Writes payload values as the exact bytes JavaScript's {@code JSON.stringify} prints for them
 * (UTF-8, no whitespace), so that a Node peer and jipc produce identical frames.
 *
 * <p>Values: {@code null}; {@link Boolean}; {@link CharSequence}, {@link Character} and {@link
 * Enum} (its {@code name()}) as strings; {@link Byte}, {@link Short}, {@link Integer}, {@link Long}
 * and {@link BigInteger} as their decimal digits; {@link Float} (widened) and {@link Double} as
 * ECMAScript prints numbers ({@link EcmaNumbers}); {@link BigDecimal} as its exact value; {@link
 * Map} with {@code String} keys as an object in JavaScript's member order ({@link KeyOrder}); any
 * {@link Iterable}, {@code Object[]} or primitive array as an array ({@code char[]} as an array of
 * one-character strings). A {@code long} beyond ±2^53 is written exactly, although JavaScript
 * rounds it to the nearest double when it reads it.
 *
 * <p>Nesting is handled with an explicit stack, so {@code maxDepth} (the number of open arrays and
 * objects allowed at once) bounds the work on cyclic input without using thread stack.
 *
 * <p>Stateless; thread-safe as long as each call has its own {@link ByteSink}.
 */
public final class JsonWriter {
  private static final long[] POW10 = new long[19];

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) {
      POW10[i] = POW10[i - 1] * 10;
    }
  }

  private JsonWriter() {}

  /**
   * Appends {@code value} as JSON.
   *
   * @throws IllegalArgumentException if {@code value} holds something that is not in the model (the
   *     message names its class), a map key that is not a {@code String}, or nests deeper than
   *     {@code maxDepth} (a cycle does); {@code out} then holds a partial value
   * @throws ByteSink.OverflowException if the output would exceed the sink's limit
   */
  public static void writeValue(Object value, ByteSink out, int maxDepth) {
    if (writeCommon(value, out)) {
      return;
    }
    if (isContainer(value)) {
      new Nesting(out, maxDepth).write(value);
    } else {
      writeScalar(value, out, 0, maxDepth);
    }
  }

  /**
   * Returns {@code value} as the JSON text {@code JSON.stringify} prints for it: one line, since
   * every line break inside a string is escaped. For printing values; frames are written into a
   * {@link ByteSink} with {@link #writeValue}.
   *
   * @throws IllegalArgumentException as {@link #writeValue} does
   */
  public static String toText(Object value, int maxDepth) {
    ByteSink out = new ByteSink(64);
    writeValue(value, out, maxDepth);
    return new String(out.array(), 0, out.size(), StandardCharsets.UTF_8);
  }

  /**
   * Writes the most common scalars, found by exact class: on JDK 17 a type test against an
   * interface ({@code instanceof Map}) is slow when the same class is tested against several
   * interfaces in turn (JDK-8180450), and a payload is mostly strings and numbers.
   *
   * @return false if {@code value} is of none of these classes; nothing was written then
   */
  private static boolean writeCommon(Object value, ByteSink out) {
    if (value == null) {
      out.writeAscii("null");
      return true;
    }
    Class<?> type = value.getClass();
    if (type == String.class) {
      writeString((String) value, out);
    } else if (type == Long.class || type == Integer.class) {
      writeLong(((Number) value).longValue(), out);
    } else if (type == Double.class) {
      EcmaNumbers.write((Double) value, out);
    } else if (type == Boolean.class) {
      out.writeAscii((Boolean) value ? "true" : "false");
    } else {
      return false;
    }
    return true;
  }

  private static boolean isContainer(Object value) {
    return value instanceof JsonObject
        || value instanceof Map
        || value instanceof Iterable
        || value instanceof Object[];
  }

  /** Writes a value that {@link #writeCommon} did not: a rarer scalar or a primitive array. */
  private static void writeScalar(Object value, ByteSink out, int depth, int maxDepth) {
    if (value instanceof Short || value instanceof Byte) {
      writeLong(((Number) value).longValue(), out);
    } else if (value instanceof Float f) {
      EcmaNumbers.write(f.doubleValue(), out);
    } else if (value instanceof BigInteger || value instanceof BigDecimal) {
      out.writeAscii(value.toString()); // valid JSON number syntax in both cases
    } else if (value instanceof CharSequence s) {
      writeString(s, out);
    } else if (value instanceof Character c) {
      writeString(String.valueOf(c.charValue()), out);
    } else if (value instanceof Enum<?> e) {
      writeString(e.name(), out);
    } else if (value.getClass().isArray()) {
      if (depth >= maxDepth) {
        throw tooDeep(maxDepth);
      }
      PrimitiveArrays.write(value, out);
    } else {
      throw new IllegalArgumentException(
          "cannot write a value of " + value.getClass() + " as JSON");
    }
  }

  private static IllegalArgumentException tooDeep(int maxDepth) {
    return new IllegalArgumentException(
        "value nests deeper than maxDepth (" + maxDepth + "); does it contain itself?");
  }

  /** Writes the open containers of one value, innermost last. */
  private static final class Nesting {
    private final ByteSink out;
    private final int maxDepth;
    private Cursor[] open = new Cursor[8];
    private int depth;

    Nesting(ByteSink out, int maxDepth) {
      this.out = out;
      this.maxDepth = maxDepth;
    }

    void write(Object root) {
      push(root);
      while (depth > 0) {
        Cursor top = open[depth - 1];
        if (!top.hasNext()) {
          out.write(top.object ? '}' : ']');
          top.clear();
          depth--;
          continue;
        }
        if (top.started) {
          out.write(',');
        }
        top.started = true;
        Object item = top.next(out);
        if (writeCommon(item, out)) {
          continue;
        }
        if (isContainer(item)) {
          push(item);
        } else {
          writeScalar(item, out, depth, maxDepth);
        }
      }
    }

    private void push(Object container) {
      if (depth >= maxDepth) {
        throw tooDeep(maxDepth);
      }
      if (depth == open.length) {
        open = Arrays.copyOf(open, depth * 2);
      }
      Cursor cursor = open[depth];
      if (cursor == null) {
        cursor = new Cursor();
        open[depth] = cursor;
      }
      cursor.start(container);
      depth++;
      out.write(cursor.object ? '{' : '[');
    }
  }

  /**
   * Walks one array or object; our own lists, arrays and {@link JsonObject}s by index (no iterator
   * or entry objects), anything else through its iterator.
   */
  private static final class Cursor {
    boolean object;
    boolean started;
    private JsonObject members;
    private List<?> list;
    private Object[] array;
    private Iterator<?> iterator;
    private int index;
    private int size;

    void start(Object container) {
      started = false;
      index = 0;
      object = false;
      if (container instanceof JsonObject o) {
        object = true;
        members = o;
        size = o.size();
      } else if (container instanceof Object[] a) {
        array = a;
        size = a.length;
      } else if (container instanceof Map<?, ?> map) {
        object = true;
        iterator = members(map);
      } else if (container instanceof List<?> l && container instanceof RandomAccess) {
        list = l;
        size = l.size();
      } else {
        iterator = ((Iterable<?>) container).iterator();
      }
    }

    boolean hasNext() {
      return iterator != null ? iterator.hasNext() : index < size;
    }

    /** Returns the next element; for an object, writes its key and ':' first. */
    Object next(ByteSink out) {
      if (members != null) {
        writeString(members.key(index), out);
        out.write(':');
        return members.value(index++);
      }
      if (array != null) {
        return array[index++];
      }
      if (list != null) {
        return list.get(index++);
      }
      Object item = iterator.next();
      if (!object) {
        return item;
      }
      Map.Entry<?, ?> member = (Map.Entry<?, ?>) item;
      writeString((String) member.getKey(), out);
      out.write(':');
      return member.getValue();
    }

    /** Drops the references to the finished container. */
    void clear() {
      members = null;
      list = null;
      array = null;
      iterator = null;
    }
  }

  /** Returns the members of {@code map} in JavaScript's order, checking that keys are strings. */
  private static Iterator<? extends Map.Entry<?, ?>> members(Map<?, ?> map) {
    boolean anyIndex = false;
    for (Object key : map.keySet()) {
      if (!(key instanceof String s)) {
        throw new IllegalArgumentException(
            "map key of "
                + (key == null ? "null" : key.getClass().toString())
                + " is not a String");
      }
      anyIndex |= KeyOrder.isArrayIndex(s);
    }
    if (!anyIndex) {
      return map.entrySet().iterator();
    }
    List<Map.Entry<?, ?>> indices = new ArrayList<>();
    List<Map.Entry<?, ?>> others = new ArrayList<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      (KeyOrder.isArrayIndex((String) e.getKey()) ? indices : others).add(e);
    }
    indices.sort((a, b) -> KeyOrder.INDEX_ORDER.compare((String) a.getKey(), (String) b.getKey()));
    indices.addAll(others);
    return indices.iterator();
  }

  /** Appends {@code s} as a JSON string, escaped exactly as {@code JSON.stringify} does. */
  public static void writeString(CharSequence s, ByteSink out) {
    int n = s.length();
    // Every char takes at least one byte, so this reserves no more than the result needs.
    out.ensureCapacity(n + 2);
    byte[] a = out.array();
    int p = out.size();
    a[p++] = '"';
    int i = 0;
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
        break;
      }
      a[p++] = (byte) c;
    }
    out.size(p);
    if (i < n) {
      StringEscaper.write(s, i, out);
    }
    out.write('"');
  }

  /** Appends the decimal digits of {@code v}. */
  static void writeLong(long v, ByteSink out) {
    if (v < 0) {
      if (v == Long.MIN_VALUE) {
        out.writeAscii("-9223372036854775808");
        return;
      }
      out.write('-');
      v = -v;
    }
    int length = decimalLength(v);
    out.ensureCapacity(length);
    byte[] a = out.array();
    int end = out.size() + length;
    for (int p = end - 1; p >= end - length; p--) {
      a[p] = (byte) ('0' + v % 10);
      v /= 10;
    }
    out.size(end);
  }

  /** Returns how many decimal digits {@code v >= 0} has. */
  static int decimalLength(long v) {
    int length = 1;
    while (length < POW10.length && v >= POW10[length]) {
      length++;
    }
    return length;
  }
}
