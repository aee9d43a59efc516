package io.jipc.internal.codec;

import io.jipc.IpcProtocolException;
import io.jipc.Limits;
import io.jipc.Profile;
import io.jipc.testing.ByteMutator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The read path as {@code Inbound} wires it, for the codec fuzzers: {@link FrameReader}, then
 * {@link EventCodec#decode} with a {@link TypeNames}, then {@link EventRules}, skipped for the type
 * instance that passed last; for the fast, guarded and assured profiles at once. {@link #feed} runs
 * it on a stream in given reads; {@link Reference} decides the same stream by hand, splitting it
 * itself and checking every type without caches. Stateless; thread-safe.
 */
final class ReadPath {
  static final int REAL_LIMIT = Limits.DEFAULTS.maxMessageSize();
  static final int DEPTH = Limits.DEFAULTS.maxJsonDepth();
  static final List<String> PROFILE_NAMES = List.of("fast", "guarded", "assured");
  static final List<EventRules> PROFILES =
      List.of(
          EventRules.of(Profile.FAST, 256, false, Set.of()),
          EventRules.of(Profile.GUARDED, 256, false, Set.of()),
          EventRules.of(Profile.ASSURED, 256, false, Set.of("ping", "pong", "app.message", "x")));
  static final String TOO_LARGE = IpcProtocolException.FRAME_TOO_LARGE;
  static final int PAD = 4;

  private ReadPath() {}

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
  static final class Reference {
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
}
