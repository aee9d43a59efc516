package io.jipc.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options in the harness's form, {@code --name value} or {@code --name=value}, checked
 * against the names a program knows. Immutable.
 */
final class Args {
  private final Map<String, String> values;

  private Args(Map<String, String> values) {
    this.values = values;
  }

  /**
   * Parses {@code argv}.
   *
   * @throws IllegalArgumentException for an unknown name, a missing value or a bare word
   */
  static Args parse(String[] argv, Set<String> known) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < argv.length; i++) {
      String arg = argv[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + arg);
      }
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
      String value;
      if (eq >= 0) {
        value = arg.substring(eq + 1);
      } else if (i + 1 < argv.length) {
        value = argv[++i];
      } else {
        throw new IllegalArgumentException("missing value for --" + name);
      }
      if (!known.contains(name)) {
        throw new IllegalArgumentException("unknown option --" + name + " (known: " + known + ")");
      }
      values.put(name, value);
    }
    return new Args(values);
  }

  /** Returns the value of {@code --name}, or {@code fallback} when it was not given. */
  String string(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  /**
   * Returns {@code --name} as a whole number of at least {@code min}.
   *
   * @throws IllegalArgumentException if it is not one
   */
  long number(String name, long fallback, long min) {
    String text = values.get(name);
    if (text == null) {
      return fallback;
    }
    long value;
    try {
      value = Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a whole number, not " + text);
    }
    if (value < min) {
      throw new IllegalArgumentException(
          "--" + name + " must be at least " + min + ", not " + text);
    }
    return value;
  }

  /** Returns {@code --name} as a number if it is one, else 0: for echoing bad arguments. */
  long lenient(String name) {
    try {
      return Long.parseLong(values.getOrDefault(name, "0").trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Returns the environment variable {@code name} as seconds, or {@code fallback} if unset. */
  static double seconds(String name, double fallback) {
    String text = System.getenv(name);
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      double value = Double.parseDouble(text.trim());
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(name + " must be a positive number of seconds, not " + text);
  }
}
