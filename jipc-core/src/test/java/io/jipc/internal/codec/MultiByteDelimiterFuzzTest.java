package io.jipc.internal.codec;

import static io.jipc.internal.codec.FuzzRun.INPUTS;
import static io.jipc.internal.codec.FuzzRun.SEED;
import static io.jipc.internal.codec.FuzzRun.failure;
import static io.jipc.internal.codec.FuzzRun.fuzz;
import static io.jipc.internal.codec.FuzzRun.utf8;
import static io.jipc.internal.codec.ReadPath.PAD;
import static io.jipc.internal.codec.ReadPath.TOO_LARGE;
import static io.jipc.internal.codec.ReadPath.padded;
import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.IpcProtocolException;
import io.jipc.internal.codec.FuzzRun.FuzzFailure;
import io.jipc.testing.ByteMutator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Framing with a multi-byte delimiter: on {@link ByteMutator} streams with their delimiters
 * replaced, {@link FrameReader} hands out the same frames and the same end in any reads as a
 * reference that splits the stream itself; and the defect this fuzzer found, as a plain test.
 *
 * <p>Budget: the flags of {@link FuzzRun}; the fuzzer runs a quarter of the inputs.
 */
class MultiByteDelimiterFuzzTest {
  /**
   * With a multi-byte delimiter (node-ipc allows any), the frames and the verdict do not depend on
   * where the reads split the stream: a frame of up to {@code maxMessageSize} bytes is accepted
   * even when its delimiter is split between reads.
   */
  @Test
  @Timeout(value = 12, unit = TimeUnit.HOURS)
  void multiByteDelimitersFrameTheSameInAnyReads() {
    ByteMutator mutator = ByteMutator.forFrames(2048);
    List<byte[]> delimiters =
        List.of(utf8("\r\n"), utf8("\f\f"), new byte[] {0, 1, 0}, new byte[] {0, 0, 1});
    fuzz(
        "delimiter",
        Math.max(1, INPUTS / 4),
        (i, shown) -> {
          SplittableRandom random = ByteMutator.random(SEED, i);
          byte[] delimiter = delimiters.get(random.nextInt(delimiters.size()));
          byte[] input =
              shown[0] = ByteMutator.withDelimiter(mutator.next(random), delimiter, random);
          int limit = new int[] {8, 40, 300, 4096}[random.nextInt(4)];
          int[] reads = ByteMutator.chunkLengths(random, input.length);
          List<String> expected = referenceFrames(input, delimiter, limit);
          List<String> whole = frames(input, null, delimiter, limit);
          List<String> inReads = frames(input, reads, delimiter, limit);
          if (!matches(expected, whole) || !matches(expected, inReads)) {
            throw new FuzzFailure(
                failure(
                    i,
                    input,
                    reads,
                    String.format(
                        "delimiter %s, maxMessageSize %d: expected %s%n  whole:    %s%n  in reads: %s",
                        ByteMutator.hex(delimiter, 8), limit, expected, whole, inReads)));
          }
        });
  }

  /** The last entry "either" of the expected list takes "partial" or a frame-too-large. */
  private static boolean matches(List<String> expected, List<String> actual) {
    int last = expected.size() - 1;
    return expected.size() == actual.size()
        && expected.subList(0, last).equals(actual.subList(0, last))
        && (expected.get(last).equals(actual.get(last))
            || expected.get(last).equals("either")
                && Set.of("partial", TOO_LARGE).contains(actual.get(last)));
  }

  /** The frames FrameReader hands out (as length#hash), then how the stream ended. */
  private static List<String> frames(byte[] input, int[] reads, byte[] delimiter, int limit) {
    List<String> frames = new ArrayList<>();
    FrameReader reader = new FrameReader(delimiter, limit, "fuzz");
    try {
      int from = 0;
      for (int n : reads == null ? new int[] {input.length} : reads) {
        reader.feed(
            padded(input, from, n, delimiter), PAD, n, (b, o, l) -> frames.add(frame(b, o, l)));
        from += n;
      }
      frames.add(reader.hasPartial() ? "partial" : "clean");
    } catch (IpcProtocolException e) {
      frames.add(e.code());
    }
    return frames;
  }

  private static String frame(byte[] buf, int off, int len) {
    return len
        + "#"
        + Integer.toHexString(Arrays.hashCode(Arrays.copyOfRange(buf, off, off + len)));
  }

  /**
   * Splits on the leftmost delimiter; a frame over the limit ends the stream, and so does an
   * unterminated rest over the limit even without a trailing part of a delimiter. A rest over the
   * limit only by such a part may yet become a frame, so either verdict is taken for it.
   */
  private static List<String> referenceFrames(byte[] input, byte[] delimiter, int limit) {
    List<String> frames = new ArrayList<>();
    int d = delimiter.length;
    int start = 0;
    for (int i = 0; i + d <= input.length; i++) {
      if (Arrays.equals(input, i, i + d, delimiter, 0, d)) {
        if (i - start > limit) {
          frames.add(TOO_LARGE);
          return frames;
        }
        frames.add(frame(input, start, i - start));
        start = i + d;
        i = start - 1;
      }
    }
    int rest = input.length - start;
    int prefix = 0;
    for (int k = Math.min(rest, d - 1); k > 0 && prefix == 0; k--) {
      prefix = Arrays.equals(input, input.length - k, input.length, delimiter, 0, k) ? k : 0;
    }
    boolean over = rest - prefix > limit;
    frames.add(over ? TOO_LARGE : rest > limit ? "either" : rest > 0 ? "partial" : "clean");
    return frames;
  }

  /**
   * Found by {@link #multiByteDelimitersFrameTheSameInAnyReads}: a frame of exactly {@code
   * maxMessageSize} bytes is rejected when a read ends inside its two-byte delimiter, as the
   * buffered rest then counts the delimiter's first byte.
   */
  @Test
  void frameAtTheLimitIsAcceptedWhenItsDelimiterIsSplitBetweenReads() throws Exception {
    byte[] stream = utf8("wxyz\r\n");
    List<Integer> frames = new ArrayList<>();
    FrameReader reader = new FrameReader(utf8("\r\n"), 4, "test");
    reader.feed(stream, 0, 5, (buf, off, len) -> frames.add(len));
    reader.feed(stream, 5, 1, (buf, off, len) -> frames.add(len));
    assertThat(frames).containsExactly(4);
  }
}
