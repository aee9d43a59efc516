package io.jipc.internal.codec;

import io.jipc.IpcConfig;
import io.jipc.IpcProtocolException;
import io.jipc.Profile;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The read path of one source of bytes (a stream connection, or one UDP sender): frames, then
 * events, then the profile's rules, then the sink. Streams, UDP and the fuzz tests all read through
 * this class, so they cannot disagree.
 *
 * <pre>
 * bytes ──► FrameReader ──► EventCodec.decode ──► EventRules.check ──► Sink.event(type, data)
 *           (delimiter,      (envelope, depth)     (skipped for the type
 *            maxMessageSize)                        instance that passed last)
 * </pre>
 *
 * <p>In the raw profile there are no frames: each chunk goes to {@link Sink#raw} as it came. A
 * failure (a malformed frame, an oversize one, a refused type) is thrown from {@link #feed}; the
 * reader must not be fed again unless {@link #reset()}. When the sink answers false the rest of
 * that feed is dropped, and so is everything later: the source is closing. Not thread-safe: one
 * reader per source, fed by one thread at a time.
 */
public final class EventReader {
  /** Receives what the reader finds; called on the feeding thread, during {@link #feed}. */
  public interface Sink {
    /**
     * Takes one event that passed the rules.
     *
     * @param frameBytes the frame's size on the wire, delimiter excluded
     * @return false to drop the rest: the source is closing
     */
    boolean event(String type, Object data, int frameBytes);

    /** Takes one chunk of the raw profile (a copy the sink may keep). */
    void raw(byte[] bytes);
  }

  // One table per thread: the loop that decodes many connections shares one, and identity of a
  // type instance still means "this exact name", which is all the rules cache needs.
  private static final ThreadLocal<TypeNames> NAMES = ThreadLocal.withInitial(TypeNames::new);

  private final boolean raw;
  private final byte[] delimiter;
  private final int maxFrameBytes;
  private final EventRules rules;
  private final int maxDepth;
  private final String label;
  private final String receivedFrom;
  private final FrameReader.Sink frames = this::frame;
  private final boolean controls;
  private FrameReader reader; // Null until the first bytes, and after reset().
  private String accepted; // The last type instance that passed the rules.
  private boolean completed; // A frame completed in the current or last feed.
  private boolean stopped;
  private Sink sink; // Set during feed only.
  private TypeNames names; // Set during feed only.

  /**
   * Creates the reader of one source.
   *
   * @param maxFrameBytes the largest frame accepted, delimiter excluded
   * @param label names the source in messages ("socket 3 on /run/app.sock")
   */
  public EventReader(
      Profile profile,
      byte[] delimiter,
      int maxFrameBytes,
      EventRules rules,
      int maxDepth,
      String label) {
    this(profile, delimiter, maxFrameBytes, rules, maxDepth, label, false);
  }

  private EventReader(
      Profile profile,
      byte[] delimiter,
      int maxFrameBytes,
      EventRules rules,
      int maxDepth,
      String label,
      boolean controls) {
    this.controls = controls;
    this.raw = profile == Profile.RAW;
    this.delimiter = delimiter.clone();
    this.maxFrameBytes = maxFrameBytes;
    this.rules = rules;
    this.maxDepth = maxDepth;
    this.label = label;
    this.receivedFrom = "received from " + label;
  }

  /**
   * Creates the reader of a stream connection configured by {@code config}; the data of its
   * requests and answers in their usual shape arrives as {@link ControlFrames} records.
   */
  public static EventReader of(IpcConfig config, String label) {
    return new EventReader(
        config.profile(),
        config.delimiter().getBytes(StandardCharsets.UTF_8),
        config.limits().maxMessageSize(),
        EventRules.of(config),
        config.limits().maxJsonDepth(),
        label,
        true);
  }

  /** Returns true when the profile's rules check names (guarded, assured). */
  public boolean checks() {
    return rules.checks();
  }

  /**
   * Reads {@code len} bytes, handing each complete event (or the raw chunk) to {@code sink}.
   *
   * @throws IpcProtocolException for a frame that is malformed, too large, or refused by the rules
   */
  public void feed(byte[] buf, int off, int len, Sink sink) throws IpcProtocolException {
    if (stopped) {
      return;
    }
    if (raw) {
      sink.raw(Arrays.copyOfRange(buf, off, off + len));
      return;
    }
    if (reader == null) {
      reader = new FrameReader(delimiter, maxFrameBytes, label);
    }
    this.sink = sink;
    this.names = NAMES.get();
    completed = false;
    try {
      reader.feed(buf, off, len, frames);
      reader.releaseIdle();
    } finally {
      this.sink = null;
      this.names = null;
    }
  }

  private void frame(byte[] buf, int off, int len) throws IpcProtocolException {
    completed = true;
    if (stopped) {
      return;
    }
    DecodedEvent event = EventCodec.decode(buf, off, len, maxDepth, label, names, controls);
    String type = event.type();
    if (type != accepted) {
      rules.check(type, receivedFrom);
      accepted = type; // names hands out one instance per name, so identity means "checked"
    }
    if (!sink.event(type, event.data(), len)) {
      stopped = true;
    }
  }

  /** Returns true when the bytes read so far end inside a frame. */
  public boolean hasPartial() {
    return reader != null && reader.hasPartial();
  }

  /** Returns true when the last {@link #feed} completed at least one frame. */
  public boolean completedFrame() {
    return completed;
  }

  /**
   * Forgets any partial frame, so that the next bytes start a new one (UDP after a bad datagram).
   */
  public void reset() {
    reader = null;
    stopped = false;
  }
}
