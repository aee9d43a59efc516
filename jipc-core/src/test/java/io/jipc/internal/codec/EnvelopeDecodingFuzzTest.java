package io.jipc.internal.codec;

import static io.jipc.internal.codec.FuzzRun.INPUTS;
import static io.jipc.internal.codec.FuzzRun.INPUT_BOUND;
import static io.jipc.internal.codec.FuzzRun.MAX_INPUT;
import static io.jipc.internal.codec.FuzzRun.SEED;
import static io.jipc.internal.codec.FuzzRun.failure;
import static io.jipc.internal.codec.FuzzRun.fuzz;
import static io.jipc.internal.codec.FuzzRun.shorten;
import static io.jipc.internal.codec.FuzzRun.utf8;
import static io.jipc.internal.codec.ReadPath.DEPTH;
import static io.jipc.internal.codec.ReadPath.REAL_LIMIT;
import static io.jipc.internal.codec.ReadPath.TOO_LARGE;
import static io.jipc.internal.codec.ReadPath.feed;
import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.IpcProtocolException;
import io.jipc.internal.codec.FuzzRun.FuzzFailure;
import io.jipc.internal.codec.ReadPath.Outcome;
import io.jipc.internal.codec.ReadPath.Reference;
import io.jipc.testing.ByteMutator;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Decoding an envelope: on the inputs of {@link FrameCodecFuzzTest}, the envelope's shape (a
 * leading space sends a frame down the general path instead of the fast one) never changes the
 * decoded event or error; the costliest frames at the real limit, built by hand, are decided in
 * bounded time; and the defect the shape fuzzer found, as a plain test.
 *
 * <p>Budget: the flags of {@link FuzzRun}; the shape fuzzer runs a quarter of the inputs.
 */
class EnvelopeDecodingFuzzTest {
  /**
   * The same frame with a leading space (which only the general path reads) decodes alike: the fast
   * path for the common shape is an optimisation, never a different verdict. With or without a
   * {@link TypeNames} too.
   */
  @Test
  @Timeout(value = 12, unit = TimeUnit.HOURS)
  void envelopeShapeNeverChangesTheDecodedEventOrError() {
    ByteMutator mutator = ByteMutator.forFrames(MAX_INPUT);
    fuzz(
        "envelope",
        Math.max(1, INPUTS / 4),
        (i, shown) -> {
          byte[] input = shown[0] = mutator.next(ByteMutator.random(SEED, i));
          TypeNames names = new TypeNames();
          for (int[] frame : new Reference(input).frames) {
            byte[] plain = Arrays.copyOfRange(input, frame[0], frame[1]);
            byte[] spaced = new byte[plain.length + 1];
            spaced[0] = ' ';
            System.arraycopy(plain, 0, spaced, 1, plain.length);
            Object want = decodeOrCode(plain, null);
            for (Object got : List.of(decodeOrCode(spaced, null), decodeOrCode(plain, names))) {
              if (!want.equals(got)) {
                throw new FuzzFailure(
                    failure(
                        i,
                        plain,
                        new int[0],
                        String.format(
                            "decoded %s, but the same frame in another shape %s",
                            shorten(String.valueOf(want)), shorten(String.valueOf(got)))));
              }
            }
          }
        });
  }

  private static Object decodeOrCode(byte[] frame, TypeNames names) {
    try {
      return EventCodec.decode(frame, 0, frame.length, DEPTH, "fuzz", names);
    } catch (IpcProtocolException e) {
      return e.code();
    }
  }

  /**
   * The costliest frames a peer can send under the real limit (a million-digit number, colliding
   * and integer-like keys, escapes, invalid UTF-8, nesting, numbers that need BigDecimal) are read
   * in 64 KiB reads, as a connection reads them, and decided within five {@link
   * FuzzRun#INPUT_BOUND}s; a frame one byte over the limit is rejected in the read that carries
   * that byte.
   */
  @Test
  void worstCaseFramesAtTheRealLimitAreDecidedInBoundedTime() {
    String head = "{\"type\":\"n\",\"data\":";
    int room = REAL_LIMIT - head.length() - 40;
    StringBuilder indexKeys = new StringBuilder("{\"0\":0");
    StringBuilder colliding = new StringBuilder("{\"\":0");
    for (int k = 1; colliding.length() < room; k++) {
      indexKeys.append(",\"").append(k * 7919L % 4294967296L).append("\":1");
      String bits = Integer.toBinaryString(k).replace("0", "Aa").replace("1", "BB");
      colliding.append(",\"").append(bits).append("\":[]");
    }
    Map<String, String> frames = new TreeMap<>();
    frames.put("digits", "1".repeat(room));
    frames.put("fraction", "-0." + "7".repeat(room) + "e-999999990");
    frames.put("zeros", "0." + "0".repeat(room) + "1e5");
    frames.put("index keys", indexKeys.substring(0, indexKeys.lastIndexOf(",", room)) + "}");
    frames.put("colliding keys", colliding.substring(0, colliding.lastIndexOf(",", room)) + "}");
    frames.put("escapes", "\"" + "\\ud800\\u0000".repeat(room / 12) + "\"");
    frames.put("replacement", "\"" + "\u00ff".repeat(room / 2) + "\"");
    frames.put("nesting", "[".repeat(room));
    frames.put("doubles", "[" + "0.30000000000000004,".repeat(room / 20) + "1]");
    frames.put("decimals", "[" + "1e-400,".repeat(room / 7) + "1]");
    frames.put("strings", "[" + "\"\",".repeat(room / 3) + "1]");
    for (Map.Entry<String, String> entry : frames.entrySet()) {
      byte[] frame = utf8(head + entry.getValue() + "}\f");
      long start = System.nanoTime();
      Outcome outcome = feed(frame, reads(frame.length, 64 * 1024), REAL_LIMIT);
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertThat(millis).as(entry.getKey()).isLessThan(5 * INPUT_BOUND.toMillis());
      assertThat(outcome.verdicts().get(0).end())
          .as("%s: %s", entry.getKey(), outcome.verdicts().get(0).events().size())
          .isEqualTo(
              entry.getKey().equals("nesting") ? IpcProtocolException.INVALID_JSON : "clean");
    }
    byte[] over = utf8(head + "\"" + "x".repeat(REAL_LIMIT) + "\"}\f");
    Outcome outcome = feed(over, reads(over.length, 64 * 1024), REAL_LIMIT);
    assertThat(outcome.verdicts().get(0).end()).isEqualTo(TOO_LARGE);
    assertThat(outcome.tooLargeFrom()).isLessThanOrEqualTo(REAL_LIMIT);
    assertThat(outcome.tooLargeTo()).isGreaterThan(REAL_LIMIT);
  }

  private static int[] reads(int length, int size) {
    int[] reads = new int[(length + size - 1) / size];
    Arrays.fill(reads, size);
    reads[reads.length - 1] = length - size * (reads.length - 1);
    return reads;
  }

  /**
   * Found by {@link #envelopeShapeNeverChangesTheDecodedEventOrError}: the fast path lets {@code
   * data} nest {@code maxJsonDepth} deep (as the writer does), the general path one level less, as
   * it counts the envelope; so the same event is accepted or rejected by its whitespace.
   */
  @Test
  void dataNestedToMaxJsonDepthDecodesInEveryEnvelopeShape() throws Exception {
    String data = "[".repeat(DEPTH) + "]".repeat(DEPTH);
    for (String frame :
        List.of(
            "{\"type\":\"deep\",\"data\":" + data + "}",
            " {\"type\":\"deep\",\"data\":" + data + "}",
            "{\"data\":" + data + ",\"type\":\"deep\"}")) {
      byte[] bytes = utf8(frame);
      assertThat(EventCodec.decode(bytes, 0, bytes.length, DEPTH, "test").type())
          .as(frame.substring(0, 30))
          .isEqualTo("deep");
    }
  }
}
