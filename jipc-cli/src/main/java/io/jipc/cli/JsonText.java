package io.jipc.cli;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the values jipc hands to handlers as one line of JSON, the way JavaScript's {@code
 * JSON.stringify} writes them: {@code null}, {@link Boolean}, numbers (doubles in ECMAScript's
 * form, NaN and infinities as {@code null}), {@link CharSequence}, {@link Map} (keys as strings, in
 * the map's order), {@link Iterable} and arrays. A {@code byte[]} (raw profile) is written as
 * Node's {@code Buffer.toJSON()}: {@code {"type":"Buffer","data":[1,2,3]}}. Anything else is
 * written as its {@code toString()}, quoted.
 *
 * <p>jipc's own writer lives in {@code io.jipc.internal} and is not exported, so the command keeps
 * this small one for printing. Stateless and thread-safe.
 */
final class JsonText {
  private JsonText() {}

  /** Returns {@code value} as JSON text without line breaks. */
  static String write(Object value) {
    StringBuilder out = new StringBuilder(64);
    write(value, out);
    return out.toString();
  }

  private static void write(Object value, StringBuilder out) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Boolean
        || value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigInteger) {
      out.append(value);
    } else if (value instanceof BigDecimal decimal) {
      out.append(decimal);
    } else if (value instanceof Number number) {
      out.append(number(number.doubleValue()));
    } else if (value instanceof CharSequence text) {
      quote(text, out);
    } else if (value instanceof Map<?, ?> map) {
      object(map, out);
    } else if (value instanceof byte[] bytes) {
      buffer(bytes, out);
    } else if (value instanceof Object[] array) {
      array(java.util.Arrays.asList(array), out);
    } else if (value instanceof Iterable<?> items) {
      array(items, out);
    } else {
      quote(String.valueOf(value), out);
    }
  }

  private static void object(Map<?, ?> map, StringBuilder out) {
    out.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      quote(String.valueOf(entry.getKey()), out);
      out.append(':');
      write(entry.getValue(), out);
    }
    out.append('}');
  }

  private static void array(Iterable<?> items, StringBuilder out) {
    out.append('[');
    boolean first = true;
    for (Object item : items) {
      if (!first) {
        out.append(',');
      }
      first = false;
      write(item, out);
    }
    out.append(']');
  }

  private static void buffer(byte[] bytes, StringBuilder out) {
    out.append("{\"type\":\"Buffer\",\"data\":[");
    for (int i = 0; i < bytes.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(bytes[i] & 0xFF);
    }
    out.append("]}");
  }

  /** Quotes {@code text} as {@code JSON.stringify} does, lone surrogates included. */
  static void quote(CharSequence text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || isLoneSurrogate(text, i)) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static boolean isLoneSurrogate(CharSequence text, int i) {
    char c = text.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
    }
    return Character.isLowSurrogate(c)
        && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
  }

  /**
   * Returns {@code d} as ECMAScript's {@code Number.prototype.toString} prints it: plain digits
   * from 1e-6 up to 1e21, exponent form ({@code 1.5e-7}, {@code 1e+21}) outside, {@code null} for
   * NaN and infinities (as {@code JSON.stringify}).
   */
  static String number(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return "null";
    }
    if (d == 0) {
      return "0";
    }
    BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    String digits = exact.unscaledValue().abs().toString();
    int k = digits.length();
    int n = k - exact.scale();
    StringBuilder out = new StringBuilder(k + 8);
    if (d < 0) {
      out.append('-');
    }
    if (k <= n && n <= 21) {
      out.append(digits).append("0".repeat(n - k));
    } else if (0 < n && n <= 21) {
      out.append(digits, 0, n).append('.').append(digits, n, k);
    } else if (-6 < n && n <= 0) {
      out.append("0.").append("0".repeat(-n)).append(digits);
    } else {
      out.append(digits.charAt(0));
      if (k > 1) {
        out.append('.').append(digits, 1, k);
      }
      out.append('e').append(n - 1 >= 0 ? "+" : "-").append(Math.abs(n - 1));
    }
    return out.toString();
  }
}
