package io.jipc.interop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds the values of {@code corpus.mjs} from their prefix tokens: {@code n}, {@code t}, {@code
 * f}, {@code d<IEEE-754 bits>}, {@code s<UTF-16 units>}, {@code a<count>} then the elements, {@code
 * o<count>} then key and value tokens in insertion order. Numbers become {@link Double}, objects
 * {@link LinkedHashMap} in insertion order. Not thread-safe.
 */
final class CorpusTokens {
  /** What a corpus held, so that a degenerate corpus fails the test. */
  static final class Stats {
    int loneSurrogates;
    int reordered;
    int nonFinite;
  }

  private final String[] tokens;
  private final Stats stats;
  private int pos;

  private CorpusTokens(String line, Stats stats) {
    this.tokens = line.split(" ", -1);
    this.stats = stats;
  }

  /** Rebuilds the value of one token line, counting what it holds into {@code stats}. */
  static Object parse(String line, Stats stats) {
    CorpusTokens reader = new CorpusTokens(line, stats);
    Object value = reader.value();
    if (reader.pos != reader.tokens.length) {
      throw new IllegalArgumentException("trailing tokens in " + line);
    }
    return value;
  }

  /**
   * Returns {@code value} as JSON carries it: NaN and the infinities become null, as {@code
   * JSON.stringify} writes them.
   */
  static Object jsonImage(Object value) {
    if (value instanceof Double d) {
      return d.isNaN() || d.isInfinite() ? null : d;
    }
    if (value instanceof List<?> list) {
      List<Object> image = new ArrayList<>();
      list.forEach(v -> image.add(jsonImage(v)));
      return image;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> image = new LinkedHashMap<>();
      map.forEach((k, v) -> image.put((String) k, jsonImage(v)));
      return image;
    }
    return value;
  }

  private Object value() {
    String token = tokens[pos++];
    char kind = token.charAt(0);
    String rest = token.substring(1);
    return switch (kind) {
      case 'n' -> null;
      case 't' -> true;
      case 'f' -> false;
      case 'd' -> number(rest);
      case 's' -> string(rest);
      case 'a' -> array(Integer.parseInt(rest));
      case 'o' -> object(Integer.parseInt(rest));
      default -> throw new IllegalArgumentException("unknown token " + token);
    };
  }

  private Double number(String bits) {
    double value = Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16));
    stats.nonFinite += Double.isFinite(value) ? 0 : 1;
    return value;
  }

  private String string(String units) {
    if (units.isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder();
    for (String unit : units.split(",")) {
      text.append((char) Integer.parseInt(unit, 16));
    }
    String s = text.toString();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean paired =
          Character.isHighSurrogate(c)
              ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
              : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
      if (Character.isSurrogate(c) && !paired) {
        stats.loneSurrogates++;
        break;
      }
    }
    return s;
  }

  private List<Object> array(int count) {
    List<Object> list = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      list.add(value());
    }
    return list;
  }

  private Map<String, Object> object(int count) {
    Map<String, Object> map = new LinkedHashMap<>();
    boolean named = false;
    boolean reordered = false;
    for (int i = 0; i < count; i++) {
      String key = (String) value();
      boolean index = isArrayIndex(key);
      reordered |= index && named;
      named |= !index;
      map.put(key, value());
    }
    stats.reordered += reordered ? 1 : 0;
    return map;
  }

  /** JavaScript's array index: canonical decimal digits below 2^32 - 1. */
  private static boolean isArrayIndex(String key) {
    if (key.isEmpty() || key.length() > 10 || (key.length() > 1 && key.charAt(0) == '0')) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      if (key.charAt(i) < '0' || key.charAt(i) > '9') {
        return false;
      }
    }
    return Long.parseLong(key) < 4_294_967_295L;
  }
}
