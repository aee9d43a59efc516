package io.jipc;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The argument checks shared by the config's options: each throws an exception that names the
 * option and the value it refused, and nothing is silently corrected.
 */
final class OptionChecks {
  /** The longest duration any option takes. */
  static final Duration MAX_DURATION = Duration.ofDays(1);

  private OptionChecks() {}

  static <T> T notNull(T value, String option) {
    return Objects.requireNonNull(value, () -> option + " must not be null");
  }

  static int positive(String option, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(option + " must be at least 1, not " + value);
    }
    return value;
  }

  static int port(String option, int value, int lowest) {
    if (value < lowest || value > 65535) {
      throw new IllegalArgumentException(option + " must be " + lowest + " to 65535, not " + value);
    }
    return value;
  }

  /** Checks a duration that may be zero (off) or 1 ms to 1 day. */
  static Duration timeout(String option, Duration value) {
    notNull(value, option);
    if (value.isZero()) {
      return value;
    }
    if (value.isNegative() || value.compareTo(Duration.ofMillis(1)) < 0) {
      throw new IllegalArgumentException(option + " must be zero or at least 1 ms, not " + value);
    }
    if (value.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException(option + " must be at most 1 day, not " + value);
    }
    return value;
  }

  /** Checks a duration of 1 ms to 1 day. */
  static Duration nonZeroTimeout(String option, Duration value) {
    Duration checked = timeout(option, value);
    if (checked.isZero()) {
      throw new IllegalArgumentException(option + " must be at least 1 ms, not 0");
    }
    return checked;
  }

  /** Copies {@code names} into an immutable set, refusing null and empty names. */
  static Set<String> names(String option, Collection<String> names) {
    notNull(names, option);
    Set<String> copy = new LinkedHashSet<>();
    for (String name : names) {
      if (name == null || name.isEmpty()) {
        throw new IllegalArgumentException(option + " must not hold an empty or null name");
      }
      copy.add(name);
    }
    return Set.copyOf(copy);
  }
}
