package io.jipc.cli;

import io.jipc.cli.bench.Watch;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a duration typed on the command line: a number with a unit ({@code 500ms}, {@code 5s},
 * {@code 1.5s}, {@code 2m}, {@code 1h}), a bare number of seconds, or ISO-8601 ({@code PT5S}).
 * Negative durations are refused. Stateless.
 */
final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    try {
      return parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException if it is not a non-negative duration in one of the forms
   */
  static Duration parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    Duration duration;
    try {
      if (t.startsWith("pt") || t.startsWith("p")) {
        duration = Duration.parse(t.toUpperCase(Locale.ROOT));
      } else {
        duration = withUnit(t);
      }
    } catch (ArithmeticException | NumberFormatException | DateTimeParseException e) {
      duration = null;
    }
    if (duration == null || duration.isNegative()) {
      throw new IllegalArgumentException(
          "\"" + text + "\" is not a duration such as 500ms, 5s, 2m, 1h or PT5S");
    }
    return duration;
  }

  /** Returns {@code d} the way it is typed: {@code 5s}, {@code 1500ms}, {@code 2m}. */
  static String format(Duration d) {
    return Watch.format(d);
  }

  private static Duration withUnit(String t) {
    int split = 0;
    while (split < t.length() && (Character.isDigit(t.charAt(split)) || t.charAt(split) == '.')) {
      split++;
    }
    BigDecimal amount = new BigDecimal(t.substring(0, split));
    long nanosPerUnit =
        switch (t.substring(split)) {
          case "ns" -> 1L;
          case "us", "µs" -> 1_000L;
          case "ms" -> 1_000_000L;
          case "", "s" -> 1_000_000_000L;
          case "m", "min" -> 60_000_000_000L;
          case "h" -> 3_600_000_000_000L;
          default -> -1L;
        };
    if (nanosPerUnit < 0) {
      return null;
    }
    return Duration.ofNanos(amount.multiply(BigDecimal.valueOf(nanosPerUnit)).longValueExact());
  }
}
