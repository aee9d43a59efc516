package io.jipc.internal.codec;

import io.jipc.IpcConfig.Limits;
import io.jipc.IpcProtocolException;
import io.jipc.Profile;
import io.jipc.testing.ByteMutator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The read path for the codec fuzzers: {@link #feed} runs jipc's own {@link EventReader}, the one
 * streams and UDP read through, for the fast, guarded and assured profiles side by side on a stream
 * in given reads; {@link Reference} decides the same stream by hand, splitting it itself and
 * checking every type without caches. Stateless; thread-safe.
 */
final class ReadPath {
  static final int REAL_LIMIT = Limits.DEFAULTS.maxMessageSize();
  static final int DEPTH = Limits.DEFAULTS.maxJsonDepth();
  static final List<String> PROFILE_NAMES = List.of("fast", "guarded", "assured");
  static final List<Profile> PROFILE_VALUES =
      List.of(Profile.FAST, Profile.GUARDED, Profile.ASSURED);
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

  /** Feeds {@code input} in {@code reads} (whole if null) to one reader per profile. */
  static Outcome feed(byte[] input, int[] reads, int limit) {
    List<ProfileSide> sides = new ArrayList<>();
    for (int p = 0; p < PROFILES.size(); p++) {
      sides.add(new ProfileSide(PROFILE_VALUES.get(p), PROFILES.get(p), limit));
    }
    byte[] junk = {ByteMutator.DELIMITER};
    int from = 0;
    int to = 0;
    int tooLargeFrom = -1;
    int tooLargeTo = -1;
    for (int n : reads == null ? new int[] {input.length} : reads) {
      from = to;
      to += n;
      byte[] read = reads == null ? input : padded(input, from, n, junk);
      for (ProfileSide side : sides) {
        if (side.end == null && side.feed(read, reads == null ? 0 : PAD, n) && tooLargeFrom < 0) {
          tooLargeFrom = from;
          tooLargeTo = to;
        }
      }
    }
    List<Verdict> verdicts = new ArrayList<>();
    for (ProfileSide side : sides) {
      String end = side.end != null ? side.end : side.reader.hasPartial() ? "partial" : "clean";
      verdicts.add(new Verdict(side.events, end));
    }
    return new Outcome(verdicts, tooLargeFrom, tooLargeTo);
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

  /** Every profile's events and end so far, each type checked by each profile's rules. */
  private static final class Verdicts {
    final List<List<DecodedEvent>> events =
        List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    final String[] ends = new String[3];

    void dispatch(DecodedEvent event) {
      for (int p = 0; p < 3; p++) {
        if (ends[p] != null) {
          continue;
        }
        try {
          PROFILES.get(p).check(event.type(), "fuzz");
        } catch (IpcProtocolException e) {
          ends[p] = e.code();
          continue;
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

  /** One profile's reader and what it found. */
  private static final class ProfileSide implements EventReader.Sink {
    final EventReader reader;
    final List<DecodedEvent> events = new ArrayList<>();
    String end;

    ProfileSide(Profile profile, EventRules rules, int limit) {
      reader =
          new EventReader(profile, new byte[] {ByteMutator.DELIMITER}, limit, rules, DEPTH, "fuzz");
    }

    /** Feeds one read; returns true when it ended this profile with an oversize frame. */
    boolean feed(byte[] read, int off, int n) {
      try {
        reader.feed(read, off, n, this);
        return false;
      } catch (IpcProtocolException e) {
        end = e.code();
        return TOO_LARGE.equals(e.code());
      }
    }

    @Override
    public boolean event(String type, Object data, int frameBytes) {
      events.add(new DecodedEvent(type, data));
      return true;
    }

    @Override
    public void raw(byte[] bytes) {
      throw new AssertionError("no raw profile here");
    }
  }

  /** A stream split on the delimiter by hand, each frame decoded once, without type caches. */
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
      Verdicts verdicts = new Verdicts();
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
