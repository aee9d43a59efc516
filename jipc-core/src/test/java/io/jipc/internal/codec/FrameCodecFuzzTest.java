package io.jipc.internal.codec;

import static io.jipc.internal.codec.FuzzRun.FIRST;
import static io.jipc.internal.codec.FuzzRun.INPUTS;
import static io.jipc.internal.codec.FuzzRun.INPUT_BOUND;
import static io.jipc.internal.codec.FuzzRun.MAX_INPUT;
import static io.jipc.internal.codec.FuzzRun.SEED;
import static io.jipc.internal.codec.FuzzRun.failure;
import static io.jipc.internal.codec.FuzzRun.fuzz;
import static io.jipc.internal.codec.FuzzRun.shorten;
import static io.jipc.internal.codec.ReadPath.PROFILE_NAMES;
import static io.jipc.internal.codec.ReadPath.REAL_LIMIT;
import static io.jipc.internal.codec.ReadPath.feed;

import io.jipc.IpcProtocolException;
import io.jipc.internal.codec.FuzzRun.FuzzFailure;
import io.jipc.internal.codec.ReadPath.Outcome;
import io.jipc.internal.codec.ReadPath.Reference;
import io.jipc.internal.codec.ReadPath.Verdict;
import io.jipc.testing.ByteMutator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded mutation fuzzing of the read path as {@code Inbound} wires it ({@link ReadPath}): {@link
 * FrameReader}, then {@link EventCodec#decode} with a {@link TypeNames}, then {@link EventRules},
 * skipped for the type instance that passed last; for the fast, guarded and assured profiles at
 * once, with a 4 KiB and the real 1 MiB {@code maxMessageSize}.
 *
 * <p>Each input is a {@link ByteMutator} stream, fed whole and in random reads (each read copied
 * between delimiter bytes, so a reader that looked outside its range would see frames that are not
 * there). Properties: only {@link IpcProtocolException} escapes (any other {@link Throwable},
 * {@link StackOverflowError} and {@link OutOfMemoryError} included, fails); every input is decided
 * within {@link FuzzRun#INPUT_BOUND} (a thousand times the usual, so a busy machine does not trip
 * it); both feedings give exactly the events and the end (first error code, or a partial frame) of
 * a reference that splits the stream itself and checks every type without caches, so reads never
 * change the verdict; and an oversize frame is rejected in the very read that carries its first
 * byte over the limit, so the reader never holds more than {@code maxMessageSize} plus one read.
 *
 * <p>On the same inputs, {@link EnvelopeDecodingFuzzTest} checks that the envelope's shape never
 * changes the decoded event or error, and {@link MultiByteDelimiterFuzzTest} that with multi-byte
 * delimiters reads never change the frames; the first also holds the costliest frames at the real
 * limit, built by hand, and each the defect its fuzzer found, as plain tests.
 *
 * <p>Budget: {@code -Djipc.fuzz.inputs=N} (default 200,000), {@code -Djipc.fuzz.seed=S}, {@code
 * -Djipc.fuzz.first=I}; a failure prints the replay flags and the input in hex. The long run:
 * {@code mvn -pl jipc-core test -Dtest=FrameCodecFuzzTest -Djipc.fuzz.inputs=10000000
 * -Djipc.skipNode=true}; with {@code -Dtest='io/jipc/internal/codec/*FuzzTest'} instead, the other
 * two fuzzers run as well, at a quarter of the inputs each.
 */
class FrameCodecFuzzTest {
  static final int SMALL_LIMIT = 4 * 1024;

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
}
