package io.jipc.cli;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON parser (RFC 8259) for payloads typed on the command line ({@code jipc emit t type
 * '{"n":1}'}, {@code --reply}). It returns the values jipc sends: {@code null}, {@link Boolean},
 * {@link String}, {@link Long} for integers that fit, {@link Double} when a double holds the
 * number's exact decimal value, else {@link BigDecimal}, {@link List}, and {@link LinkedHashMap} in
 * text order (a repeated key keeps its first place and takes the last value, as in {@code
 * JSON.parse}).
 *
 * <p>Nesting is limited to {@value #MAX_DEPTH} levels. jipc-core's reader is internal, so the
 * command has this one; it is small because command-line payloads are. Not thread-safe: one
 * instance per text.
 */
final class JsonParser {
  /** Deepest nesting of arrays and objects accepted. */
  static final int MAX_DEPTH = 256;

  private final String text;
  private int pos;

  private JsonParser(String text) {
    this.text = text;
  }

  /**
   * Parses {@code text}, which must hold exactly one JSON value (whitespace around it is allowed).
   *
   * @throws IllegalArgumentException naming the offset and what was expected
   */
  static Object parse(String text) {
    JsonParser parser = new JsonParser(text);
    parser.skipSpace();
    Object value = parser.value(0);
    parser.skipSpace();
    if (parser.pos < text.length()) {
      throw parser.error("end of input");
    }
    return value;
  }

  private Object value(int depth) {
    if (pos >= text.length()) {
      throw error("a value");
    }
    char c = text.charAt(pos);
    return switch (c) {
      case '{' -> object(depth + 1);
      case '[' -> array(depth + 1);
      case '"' -> string();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> literal("null", null);
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          yield number();
        }
        throw error("a value");
      }
    };
  }

  private Map<String, Object> object(int depth) {
    checkDepth(depth);
    pos++;
    Map<String, Object> map = new LinkedHashMap<>();
    skipSpace();
    if (peek('}')) {
      pos++;
      return map;
    }
    while (pos < text.length()) {
      if (!peek('"')) {
        throw error("a string key");
      }
      String key = string();
      skipSpace();
      expect(':');
      skipSpace();
      map.put(key, value(depth));
      skipSpace();
      if (peek('}')) {
        pos++;
        return map;
      }
      expect(',');
      skipSpace();
    }
    throw error("'}'");
  }

  private List<Object> array(int depth) {
    checkDepth(depth);
    pos++;
    List<Object> list = new ArrayList<>();
    skipSpace();
    if (peek(']')) {
      pos++;
      return list;
    }
    while (pos < text.length()) {
      list.add(value(depth));
      skipSpace();
      if (peek(']')) {
        pos++;
        return list;
      }
      expect(',');
      skipSpace();
    }
    throw error("']'");
  }

  private String string() {
    pos++;
    StringBuilder out = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == '"') {
        return out.toString();
      } else if (c == '\\') {
        out.append(escape());
      } else if (c < 0x20) {
        pos--;
        throw error("no control character in a string");
      } else {
        out.append(c);
      }
    }
    throw error("'\"'");
  }

  private char escape() {
    if (pos >= text.length()) {
      throw error("an escape");
    }
    char c = text.charAt(pos++);
    return switch (c) {
      case '"', '\\', '/' -> c;
      case 'b' -> '\b';
      case 'f' -> '\f';
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      case 'u' -> {
        if (pos + 4 > text.length()) {
          throw error("four hex digits");
        }
        int code = 0;
        for (int i = 0; i < 4; i++) {
          int digit = Character.digit(text.charAt(pos), 16);
          if (digit < 0) {
            throw error("a hex digit");
          }
          code = code * 16 + digit;
          pos++;
        }
        yield (char) code;
      }
      default -> {
        pos--;
        throw error("an escape");
      }
    };
  }

  private Object number() {
    int start = pos;
    boolean integral = true;
    if (peek('-')) {
      pos++;
    }
    if (peek('0')) {
      pos++;
    } else {
      digits();
    }
    if (peek('.')) {
      pos++;
      integral = false;
      digits();
    }
    if (peek('e') || peek('E')) {
      pos++;
      integral = false;
      if (peek('+') || peek('-')) {
        pos++;
      }
      digits();
    }
    String token = text.substring(start, pos);
    BigDecimal exact = new BigDecimal(token);
    if (integral) {
      try {
        return exact.longValueExact();
      } catch (ArithmeticException tooBig) {
        return exact;
      }
    }
    double d = exact.doubleValue();
    boolean holds = Double.isFinite(d) && new BigDecimal(Double.toString(d)).compareTo(exact) == 0;
    return holds ? (Object) d : exact;
  }

  private void digits() {
    int start = pos;
    while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
      pos++;
    }
    if (pos == start) {
      throw error("a digit");
    }
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, pos)) {
      throw error("a value");
    }
    pos += word.length();
    return value;
  }

  private void checkDepth(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("at most " + MAX_DEPTH + " nested arrays and objects");
    }
  }

  private boolean peek(char c) {
    return pos < text.length() && text.charAt(pos) == c;
  }

  private void expect(char c) {
    if (!peek(c)) {
      throw error("'" + c + "'");
    }
    pos++;
  }

  private void skipSpace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private IllegalArgumentException error(String expected) {
    String found = pos < text.length() ? "'" + text.charAt(pos) + "'" : "end of input";
    return new IllegalArgumentException(
        "invalid JSON at offset " + pos + ": expected " + expected + ", found " + found);
  }
}
