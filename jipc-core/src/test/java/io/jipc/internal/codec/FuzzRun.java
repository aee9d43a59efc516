package io.jipc.internal.codec;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.jipc.testing.ByteMutator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * The budget and the loop the codec fuzzers share: {@code -Djipc.fuzz.inputs=N} (default 200,000),
 * {@code -Djipc.fuzz.seed=S} and {@code -Djipc.fuzz.first=I}, a deadline scaled by the budget, and
 * a failure that prints the replay flags and the input in hex. Stateless; thread-safe.
 */
final class FuzzRun {
  static final long SEED = Long.decode(System.getProperty("jipc.fuzz.seed", "0x6a697063"));
  static final long INPUTS = Long.getLong("jipc.fuzz.inputs", 200_000);
  static final long FIRST = Long.getLong("jipc.fuzz.first", 0);
  static final Duration INPUT_BOUND = Duration.ofSeconds(3);
  static final int MAX_INPUT = 12 * 1024;

  private FuzzRun() {}

  /** One fuzz input: builds it from its index, puts it in {@code shown[0]}, and checks it. */
  @FunctionalInterface
  interface Input {
    void run(long i, byte[][] shown) throws Exception;
  }

  /**
   * Runs inputs FIRST, FIRST + 1, … under a deadline that names the input it got stuck on; any
   * throwable that is not already a {@link FuzzFailure} fails with the input that caused it.
   */
  static void fuzz(String what, long inputs, Input input) {
    long[] current = {FIRST};
    byte[][] shown = {new byte[0]};
    Duration deadline = Duration.ofSeconds(120).plusMillis(inputs * 2);
    assertTimeoutPreemptively(
        deadline,
        () -> {
          for (long i = FIRST; i < FIRST + inputs; i++) {
            current[0] = i;
            try {
              input.run(i, shown);
            } catch (FuzzFailure e) {
              throw e;
            } catch (Throwable t) {
              throw new FuzzFailure(failure(i, shown[0], new int[0], what + ": threw " + t), t);
            }
          }
        },
        () ->
            String.format(
                "%s stuck after %s on input #%d%s",
                what, deadline, current[0], replay(current[0])));
  }

  static String shorten(String text) {
    return text.length() > 60 ? text.substring(0, 60) + "…(" + text.length() + ")" : text;
  }

  static String replay(long i) {
    return String.format(
        " (replay: -Djipc.fuzz.seed=0x%x -Djipc.fuzz.first=%d -Djipc.fuzz.inputs=1)", SEED, i);
  }

  static String failure(long i, byte[] input, int[] reads, String what) {
    String shownReads = Arrays.toString(Arrays.copyOf(reads, Math.min(reads.length, 40)));
    String message =
        String.format(
            "input #%d%s: %s%n  reads: %s%s%n  input (%d bytes): %s",
            i,
            replay(i),
            what,
            shownReads,
            reads.length > 40 ? "…" : "",
            input.length,
            ByteMutator.hex(input, 512));
    System.err.println("FUZZ FAILURE " + message);
    return message;
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** An assertion of a fuzzer, already carrying the input; anything else is wrapped in one. */
  static final class FuzzFailure extends AssertionError {
    private static final long serialVersionUID = 1L;

    FuzzFailure(String message) {
      super(message);
    }

    FuzzFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
