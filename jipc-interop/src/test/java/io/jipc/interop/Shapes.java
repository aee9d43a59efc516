package io.jipc.interop;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seven payload shapes of the gate; {@code shapes.mjs} holds the same values for Node. Each
 * travels as event {@code shape.<i>}. Objects are built in the order the JavaScript literal lists
 * them, integer-like keys mixed in, so the encoder has to put them in JavaScript's order.
 */
final class Shapes {
  static final int COUNT = 7;

  private Shapes() {}

  /** Returns shape {@code i} as Java sends it. */
  static Object value(int i) {
    return switch (i) {
      case 0 -> false;
      case 1 -> 0L;
      case 2 -> "";
      case 3 -> null;
      case 4 -> text();
      case 5 ->
          Arrays.asList(
              1L,
              -1.5,
              "two",
              true,
              false,
              null,
              Map.of(),
              List.of(),
              1e21,
              1e-7,
              9007199254740992L,
              "é");
      case 6 -> nested();
      default -> throw new IllegalArgumentException("no shape " + i);
    };
  }

  /**
   * Returns shape {@code i} as a Java receiver must read it from {@code lib}: v10 sends {@code {}}
   * for {@code ""} and {@code null} (its emit replaces every falsy value but false and 0).
   */
  static Object received(int i, Lib lib) {
    if (lib == Lib.V10 && (i == 2 || i == 3)) {
      return Map.of();
    }
    return value(i);
  }

  private static String text() {
    StringBuilder controls = new StringBuilder();
    for (char c = 0; c < 0x20; c++) {
      controls.append(c);
    }
    return "Grüße, 世界 🌍👋🏽 \u2028\u2029 \"quoted\" back\\slash /slash \u007f "
        + controls
        + " end";
  }

  private static Map<String, Object> nested() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("1", 1L);
    inner.put("x", ordered("0", null));
    inner.put("-1", "negative");
    inner.put("01", "leading zero");
    Map<String, Object> outer = new LinkedHashMap<>();
    outer.put("b", 1L);
    outer.put("10", "ten");
    outer.put("2", List.of("two"));
    outer.put("a", inner);
    outer.put("4294967295", "not an index");
    outer.put("4294967294", "largest index");
    outer.put("", "empty key");
    return outer;
  }

  private static Map<String, Object> ordered(String key, Object value) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(key, value);
    return map;
  }
}
