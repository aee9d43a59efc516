package io.jipc.interop;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of the command and event lines exchanged with {@code peer.mjs}: a small reader and
 * writer of our own, so that what the gate checks jipc's codec against never goes through that
 * codec. Numbers are read as {@link Long} when integral and in range, else {@link Double}; objects
 * as {@link LinkedHashMap} in text order. The writer escapes everything outside printable ASCII, so
 * lines are ASCII whatever the platform charset. Stateless and thread-safe.
 */
final class LineJson {
  private final String text;
  private int pos;

  private LineJson(String text) {
    this.text = text;
  }

  /** Parses one JSON text; throws IllegalArgumentException naming the position on bad input. */
  static Object parse(String text) {
    LineJson reader = new LineJson(text);
    Object value = reader.value();
    reader.space();
    if (reader.pos != text.length()) {
      throw reader.error("trailing text");
    }
    return value;
  }

  /** Writes {@code value} (null, Boolean, Number, String, List, Map) as ASCII JSON. */
  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(Object value, StringBuilder out) {
    if (value == null || value instanceof Boolean || value instanceof Long) {
      out.append(value);
    } else if (value instanceof Integer n) {
      out.append(n.intValue());
    } else if (value instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        throw new IllegalArgumentException("not a JSON number: " + d);
      }
      out.append(d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d);
    } else if (value instanceof String s) {
      out.append('"');
      for (char c : s.toCharArray()) {
        boolean plain = c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
        out.append(plain ? String.valueOf(c) : String.format("\\u%04x", (int) c));
      }
      out.append('"');
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        out.append(i == 0 ? "" : ",");
        write(list.get(i), out);
      }
      out.append(']');
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.append(first ? "" : ",");
        first = false;
        write((String) e.getKey(), out);
        out.append(':');
        write(e.getValue(), out);
      }
      out.append('}');
    } else {
      throw new IllegalArgumentException("cannot write " + value.getClass().getName());
    }
  }

  private Object value() {
    space();
    if (pos >= text.length()) {
      throw error("end of text");
    }
    char c = text.charAt(pos);
    return switch (c) {
      case '{' -> object();
      case '[' -> array();
      case '"' -> string();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> literal("null", null);
      default -> number();
    };
  }

  private Map<String, Object> object() {
    Map<String, Object> map = new LinkedHashMap<>();
    pos++;
    space();
    if (peek('}')) {
      return map;
    }
    do {
      space();
      if (text.charAt(pos) != '"') {
        throw error("expected a key");
      }
      String key = string();
      space();
      expect(':');
      map.put(key, value());
      space();
    } while (peek(','));
    expect('}');
    return map;
  }

  private List<Object> array() {
    List<Object> list = new ArrayList<>();
    pos++;
    space();
    if (peek(']')) {
      return list;
    }
    do {
      list.add(value());
      space();
    } while (peek(','));
    expect(']');
    return list;
  }

  private String string() {
    StringBuilder out = new StringBuilder();
    pos++;
    while (true) {
      char c = text.charAt(pos++);
      if (c == '"') {
        return out.toString();
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char e = text.charAt(pos++);
      switch (e) {
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
          pos += 4;
        }
        default -> out.append(e);
      }
    }
  }

  private Object number() {
    int start = pos;
    while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
    String digits = text.substring(start, pos);
    if (digits.isEmpty()) {
      throw error("unexpected character");
    }
    BigDecimal exact = new BigDecimal(digits);
    boolean integral = digits.chars().noneMatch(ch -> ch == '.' || ch == 'e' || ch == 'E');
    if (integral && exact.toBigInteger().bitLength() < 64) {
      return exact.longValueExact();
    }
    return Double.parseDouble(digits);
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, pos)) {
      throw error("expected " + word);
    }
    pos += word.length();
    return value;
  }

  private void space() {
    while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
  }

  private boolean peek(char c) {
    if (pos < text.length() && text.charAt(pos) == c) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    if (!peek(c)) {
      throw error("expected '" + c + "'");
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(what + " at " + pos + " in: " + text);
  }
}
