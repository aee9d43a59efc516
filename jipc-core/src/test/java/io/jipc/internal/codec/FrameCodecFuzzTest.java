package io.jipc.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.jipc.IpcProtocolException;
import io.jipc.Limits;
import io.jipc.Profile;
import io.jipc.testing.ByteMutator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded mutation fuzzing of the read path as {@code Inbound} wires it: {@link FrameReader}, then
 * {@link EventCodec#decode} with a {@link TypeNames}, then {@link EventRules}, skipped for the type
 * instance that passed last; for the fast, guarded and assured profiles at once, with a 4 KiB and
 * the real 1 MiB {@code maxMessageSize}.
 *
 * <p>Each input is a {@link ByteMutator} stream, fed whole and in random reads (each read copied
 * between delimiter bytes, so a reader that looked outside its range would see frames that are not
 * there). Properties: only {@link IpcProtocolException} escapes (any other {@link Throwable},
 * {@link StackOverflowError} and {@link OutOfMemoryError} included, fails); every input is decided
 * within {@link #INPUT_BOUND} (a thousand times the usual, so a busy machine does not trip it);
 * both feedings give exactly the events and the end (first error code, or a partial frame) of a
 * reference that splits the stream itself and checks every type without caches, so reads never
 * change the verdict; and an oversize frame is rejected in the very read that carries its first
 * byte over the limit, so the reader never holds more than {@code maxMessageSize} plus one read.
 *
 * <p>On the same inputs, two more properties: the envelope's shape (a leading space sends a frame
 * down the general path instead of the fast one) never changes the decoded event or error; and with
 * multi-byte delimiters, reads never change the frames. Plus the costliest frames at the real
 * limit, built by hand, and the two defects the fuzzers found, as plain tests.
 *
 * <p>Budget: {@code -Djipc.fuzz.inputs=N} (default 200,000), {@code -Djipc.fuzz.seed=S}, {@code
 * -Djipc.fuzz.first=I}; a failure prints the replay flags and the input in hex. The long run:
 * {@code mvn -pl jipc-core test -Dtest=FrameCodecFuzzTest -Djipc.fuzz.inputs=10000000
 * -Djipc.skipNode=true}.
 */
class FrameCodecFuzzTest {
  static final long SEED = Long.decode(System.getProperty("jipc.fuzz.seed", "0x6a697063"));
  static final long INPUTS = Long.getLong("jipc.fuzz.inputs", 200_000);
  static final long FIRST = Long.getLong("jipc.fuzz.first", 0);
  static final Duration INPUT_BOUND = Duration.ofSeconds(3);
  static final int SMALL_LIMIT = 4 * 1024;
  static final int REAL_LIMIT = Limits.DEFAULTS.maxMessageSize();
  static final int DEPTH = Limits.DEFAULTS.maxJsonDepth();
  static final int MAX_INPUT = 12 * 1024;
  static final List<String> PROFILE_NAMES = List.of("fast", "guarded", "assured");
  static final List<EventRules> PROFILES =
      List.of(
          EventRules.of(Profile.FAST, 256, false, Set.of()),
          EventRules.of(Profile.GUARDED, 256, false, Set.of()),
          EventRules.of(Profile.ASSURED, 256, false, Set.of("ping", "pong", "app.message", "x")));
  private static final String TOO_LARGE = IpcProtocolException.FRAME_TOO_LARGE;
  private static final int PAD = 4;

  /**
   * What one profile made of a stream: the events it dispatched, then how it ended: an error code,
   * {@code "partial"} (an incomplete frame is buffered) or {@code "clean"}.
   */
  record Verdict(List<DecodedEvent> events, String end) {}

  /**
   * Every profile's verdict; for a rejected oversize frame, the bytes {@code [from, to)} of the
   * read it was rejected in (for the reference: the first byte over the limit).
   */
  record Outcome(List<Verdict> verdicts, int tooLargeFrom, int tooLargeTo) {}

  @Test
  @Timeout(value = 12, unit = TimeUnit.HOURS) // fuzz() enforces a deadline scaled by the budget
  void mutatedStreamsGiveTheSameVerdictInAnyReadsAndOnlyProtocolErrors() {
    ByteMutator mutator = ByteMutator.forFrames(MAX_INPUT);
    List<Map<String, Long>> guardedEnds = List.of(new TreeMap<>(), new TreeMap<>());
    long[] slowest = new long[1];
    long started = System.nanoTime();
    fuzz(
        "codec",
        INPUTS,
        (i, shown) -> {
          SplittableRandom random = ByteMutator.random(SEED, i);
          byte[] input = shown[0] = mutator.next(random);
          int[] reads = ByteMutator.chunkLengths(random, input.length);
          int[] otherReads = ByteMutator.chunkLengths(random, input.length);
          long start = System.nanoTime();
          Reference reference = new Reference(input);
          Outcome small = reference.outcome(SMALL_LIMIT);
          expectSame(i, input, reads, SMALL_LIMIT, "whole", small, feed(input, null, SMALL_LIMIT));
          expectSame(
              i, input, reads, SMALL_LIMIT, "in reads", small, feed(input, reads, SMALL_LIMIT));
          // Within the small limit, whole feeding at the real one takes the very same path.
          Outcome real = input.length > SMALL_LIMIT ? reference.outcome(REAL_LIMIT) : small;
          if (input.length > SMALL_LIMIT) {
            expectSame(i, input, reads, REAL_LIMIT, "whole", real, feed(input, null, REAL_LIMIT));
          }
          expectSame(
              i,
              input,
              otherReads,
              REAL_LIMIT,
              "in reads",
              real,
              feed(input, otherReads, REAL_LIMIT));
          guardedEnds.get(0).merge(small.verdicts().get(1).end(), 1L, Long::sum);
          guardedEnds.get(1).merge(real.verdicts().get(1).end(), 1L, Long::sum);
          long took = System.nanoTime() - start;
          slowest[0] = Math.max(slowest[0], took);
          if (took > INPUT_BOUND.toNanos()) {
            throw new FuzzFailure(failure(i, input, reads, "took " + took / 1_000_000 + " ms"));
          }
        });
    System.out.printf(
        "FrameCodecFuzzTest summary: seed=0x%x inputs=%d (from #%d) seconds=%.1f slowest=%d ms;"
            + " guarded at 4 KiB: %s; guarded at 1 MiB: %s%n",
        SEED,
        INPUTS,
        FIRST,
        (System.nanoTime() - started) / 1e9,
        slowest[0] / 1_000_000,
        tally(guardedEnds.get(0)),
        tally(guardedEnds.get(1)));
  }

  private static String tally(Map<String, Long> ends) {
    Map<String, Long> rejected = new TreeMap<>(ends);
    rejected.keySet().removeAll(Set.of("clean", "partial"));
    long accepted = ends.getOrDefault("clean", 0L) + ends.getOrDefault("partial", 0L);
    return "accepted=" + accepted + " rejected=" + rejected;
  }

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

  /** Feeds {@code input} in {@code reads} (whole if null) to a connection's read side. */
  static Outcome feed(byte[] input, int[] reads, int limit) {
    ReadSide side = new ReadSide(limit);
    byte[] junk = {ByteMutator.DELIMITER};
    int from = 0;
    int to = 0;
    try {
      for (int n : reads == null ? new int[] {input.length} : reads) {
        from = to;
        to += n;
        byte[] read = reads == null ? input : padded(input, from, n, junk);
        side.reader.feed(read, reads == null ? 0 : PAD, n, side);
      }
    } catch (IpcProtocolException e) {
      side.verdicts.end(e.code());
      boolean tooLarge = TOO_LARGE.equals(e.code());
      return new Outcome(side.verdicts.list(), tooLarge ? from : -1, tooLarge ? to : -1);
    }
    side.verdicts.end(side.reader.hasPartial() ? "partial" : "clean");
    return new Outcome(side.verdicts.list(), -1, -1);
  }

  /** Returns {@code n} bytes of {@code input} from {@code off} in a fresh array, between junk. */
  static byte[] padded(byte[] input, int off, int n, byte[] junk) {
    byte[] read = new byte[n + 2 * PAD];
    for (int i = 0; i < read.length; i++) {
      read[i] = junk[i % junk.length];
    }
    System.arraycopy(input, off, read, PAD, n);
    return read;
  }

  /**
   * Every profile's events and end so far. With {@code cache}, as in {@code Inbound}, the rules are
   * skipped for the very String instance that passed last (TypeNames hands out one per name).
   */
  private static final class Verdicts {
    final List<List<DecodedEvent>> events =
        List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    final String[] ends = new String[3];
    final String[] passed = new String[3];
    final boolean cache;

    Verdicts(boolean cache) {
      this.cache = cache;
    }

    void dispatch(DecodedEvent event) {
      for (int p = 0; p < 3; p++) {
        if (ends[p] != null) {
          continue;
        }
        if (!cache || event.type() != passed[p]) {
          try {
            PROFILES.get(p).check(event.type(), "fuzz");
            passed[p] = event.type();
          } catch (IpcProtocolException e) {
            ends[p] = e.code();
            continue;
          }
        }
        events.get(p).add(event);
      }
    }

    void end(String end) {
      for (int p = 0; p < 3; p++) {
        ends[p] = ends[p] == null ? end : ends[p];
      }
    }

    List<Verdict> list() {
      List<Verdict> list = new ArrayList<>();
      for (int p = 0; p < 3; p++) {
        list.add(new Verdict(events.get(p), ends[p]));
      }
      return list;
    }
  }

  /** The read side of one connection, as {@code Inbound} does it. */
  private static final class ReadSide implements FrameReader.Sink {
    final FrameReader reader;
    final TypeNames names = new TypeNames();
    final Verdicts verdicts = new Verdicts(true);

    ReadSide(int limit) {
      reader = new FrameReader(new byte[] {ByteMutator.DELIMITER}, limit, "fuzz");
    }

    @Override
    public void frame(byte[] buf, int off, int len) throws IpcProtocolException {
      verdicts.dispatch(EventCodec.decode(buf, off, len, DEPTH, "fuzz", names));
    }
  }

  /** A stream split on the delimiter by hand, each frame decoded once, without TypeNames. */
  private static final class Reference {
    final byte[] input;
    final List<int[]> frames = new ArrayList<>();
    final List<Object> decoded = new ArrayList<>(); // a DecodedEvent or an error code
    final int restStart;

    Reference(byte[] input) {
      this.input = input;
      int start = 0;
      for (int i = 0; i < input.length; i++) {
        if (input[i] == ByteMutator.DELIMITER) {
          frames.add(new int[] {start, i});
          start = i + 1;
        }
      }
      restStart = start;
    }

    Object decoded(int k) {
      while (decoded.size() <= k) {
        int[] frame = frames.get(decoded.size());
        try {
          decoded.add(EventCodec.decode(input, frame[0], frame[1] - frame[0], DEPTH, "fuzz"));
        } catch (IpcProtocolException e) {
          decoded.add(e.code());
        }
      }
      return decoded.get(k);
    }

    Outcome outcome(int limit) {
      Verdicts verdicts = new Verdicts(false);
      for (int k = 0; k < frames.size(); k++) {
        int[] frame = frames.get(k);
        if (frame[1] - frame[0] > limit) {
          return tooLarge(verdicts, frame[0] + limit);
        } else if (decoded(k) instanceof String code) {
          verdicts.end(code);
          return new Outcome(verdicts.list(), -1, -1);
        }
        verdicts.dispatch((DecodedEvent) decoded(k));
      }
      int rest = input.length - restStart;
      if (rest > limit) {
        return tooLarge(verdicts, restStart + limit);
      }
      verdicts.end(rest > 0 ? "partial" : "clean");
      return new Outcome(verdicts.list(), -1, -1);
    }

    private static Outcome tooLarge(Verdicts verdicts, int firstByteOver) {
      verdicts.end(TOO_LARGE);
      return new Outcome(verdicts.list(), firstByteOver, firstByteOver + 1);
    }
  }

  private static void expectSame(
      long i, byte[] input, int[] reads, int limit, String how, Outcome expected, Outcome actual) {
    String where = String.format("maxMessageSize %d, fed %s", limit, how);
    for (int p = 0; p < 3; p++) {
      Verdict want = expected.verdicts().get(p);
      Verdict got = actual.verdicts().get(p);
      if (!want.equals(got)) {
        throw new FuzzFailure(
            failure(
                i,
                input,
                reads,
                String.format(
                    "%s, %s: expected %s but got %s",
                    PROFILE_NAMES.get(p), where, describe(want), describe(got))));
      }
    }
    int at = expected.tooLargeFrom();
    if (at >= 0 && !(actual.tooLargeFrom() <= at && at < actual.tooLargeTo())) {
      throw new FuzzFailure(
          failure(
              i,
              input,
              reads,
              String.format(
                  "%s: byte %d is the first over the limit, but the frame was rejected in the read of"
                      + " bytes [%d, %d)",
                  where, at, actual.tooLargeFrom(), actual.tooLargeTo())));
    }
  }

  static String describe(Verdict verdict) {
    List<String> events = new ArrayList<>();
    verdict
        .events()
        .forEach(e -> events.add(shorten(e.type()) + "=" + shorten(String.valueOf(e.data()))));
    return events.size() + " events " + events + " then " + verdict.end();
  }

  private static String shorten(String text) {
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

  /** An assertion of this fuzzer, already carrying the input; anything else is wrapped in one. */
  static final class FuzzFailure extends AssertionError {
    private static final long serialVersionUID = 1L;

    FuzzFailure(String message) {
      super(message);
    }

    FuzzFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }

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
   * The costliest frames a peer can send under the real limit (a million-digit number, colliding
   * and integer-like keys, escapes, invalid UTF-8, nesting, numbers that need BigDecimal) are read
   * in 64 KiB reads, as a connection reads them, and decided within five {@link #INPUT_BOUND}s; a
   * frame one byte over the limit is rejected in the read that carries that byte.
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
