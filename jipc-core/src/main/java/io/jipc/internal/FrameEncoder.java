package io.jipc.internal;

import io.jipc.IpcConfig;
import io.jipc.IpcProtocolException;
import io.jipc.Profile;
import io.jipc.internal.codec.ByteSink;
import io.jipc.internal.codec.ControlFrames;
import io.jipc.internal.codec.EventCodec;
import io.jipc.internal.codec.EventRules;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Turns an outgoing event into frame bytes for one endpoint: checks the type against the profile's
 * rules, encodes the envelope, checks the size, appends the delimiter. Encoding happens in a
 * per-thread scratch buffer, so the result is valid only until the calling thread's next encode.
 * Thread-safe.
 */
final class FrameEncoder {
  private static final int SCRATCH_KEEP = 64 * 1024;
  private static final ThreadLocal<ByteSink> SCRATCH = ThreadLocal.withInitial(FrameEncoder::sink);

  private final Profile profile;
  private final byte[] delimiter;
  private final EventRules rules;
  private final int maxFrameBytes;
  private final boolean checkSize;
  private final int maxDepth;
  private final String where;
  private final String sentOn;
  // The last type that passed the rules; types are often the same literal. A stale read from
  // another thread only costs a check, as every value stored here was accepted.
  private String accepted;
  private String acceptedRequest; // The same, for the types of requests.

  /** Creates the encoder of an endpoint; {@code where} names it in messages. */
  FrameEncoder(IpcConfig config, String where) {
    this.profile = config.profile();
    this.delimiter = config.delimiter().getBytes(StandardCharsets.UTF_8);
    this.rules = EventRules.of(config);
    // Outgoing frame size is a rule of the profiles that check (guarded, assured); the others
    // are still bounded by what one connection may queue.
    this.checkSize = rules.checks();
    this.maxFrameBytes =
        checkSize ? config.limits().maxMessageSize() : config.limits().maxPendingBytes();
    this.maxDepth = config.limits().maxJsonDepth();
    this.where = where;
    this.sentOn = "sent on " + where;
  }

  /**
   * Encodes one event, delimiter included, into this thread's scratch buffer.
   *
   * @throws IllegalArgumentException when the profile refuses the event (cause: an {@link
   *     IpcProtocolException}) or the data is not JSON-writable
   * @throws IllegalStateException in the raw profile, which has no frames
   */
  ByteSink encode(String type, Object data) {
    ByteSink sink = begin(type);
    try {
      EventCodec.encode(type, data, sink, maxDepth);
    } catch (ByteSink.OverflowException e) {
      throw tooLarge();
    }
    return end(sink);
  }

  /**
   * Encodes a request frame ({@link ControlFrames}) as {@link #encode} does; call {@link
   * #checkRequest} first.
   */
  ByteSink encodeRequest(long id, String type, Object data) {
    ByteSink sink = begin(ControlFrames.REQUEST);
    try {
      ControlFrames.request(id, type, data, sink, maxDepth);
    } catch (ByteSink.OverflowException e) {
      throw tooLarge();
    }
    return end(sink);
  }

  /** Encodes an answer frame to the request {@code id} as {@link #encode} does. */
  ByteSink encodeAnswer(Object id, Object answer) {
    ByteSink sink = begin(ControlFrames.REPLY);
    try {
      ControlFrames.answer(id, answer, sink, maxDepth);
    } catch (ByteSink.OverflowException e) {
      throw tooLarge();
    }
    return end(sink);
  }

  /** Encodes an error answer frame to the request {@code id} as {@link #encode} does. */
  ByteSink encodeError(Object id, String code, String message) {
    ByteSink sink = begin(ControlFrames.REPLY);
    try {
      ControlFrames.error(id, code, message, sink, maxDepth);
    } catch (ByteSink.OverflowException e) {
      throw tooLarge();
    }
    return end(sink);
  }

  /** Checks {@code type} and returns this thread's scratch sink, emptied and limited. */
  private ByteSink begin(String type) {
    if (profile == Profile.RAW) {
      throw new IllegalStateException(
          "the raw profile sends bytes: use emit(byte[]) or write(String) on " + where);
    }
    Objects.requireNonNull(type, "type");
    if (type != accepted) {
      check(type);
      accepted = type;
    }
    ByteSink sink = SCRATCH.get();
    if (sink.array().length > SCRATCH_KEEP) {
      sink = sink();
      SCRATCH.set(sink);
    }
    sink.reset();
    sink.limit(maxFrameBytes);
    return sink;
  }

  private ByteSink end(ByteSink sink) {
    sink.limit(Integer.MAX_VALUE - 8);
    sink.write(delimiter, 0, delimiter.length);
    return sink;
  }

  private void check(String type) {
    try {
      rules.check(type, sentOn);
    } catch (IpcProtocolException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * Checks that a request of {@code type} may be sent: the profile lets {@code jipc.request} out
   * (the assured profile only when {@code allowedEvents} names it) and {@code type} passes its
   * event-name rules.
   *
   * @throws IllegalArgumentException when the profile refuses it (cause: an {@link
   *     IpcProtocolException})
   * @throws IllegalStateException in the raw profile
   */
  void checkRequest(String type) {
    Objects.requireNonNull(type, "type");
    if (type == acceptedRequest) {
      return;
    }
    if (profile == Profile.RAW) {
      throw new IllegalStateException("the raw profile has no requests (" + where + ")");
    }
    try {
      rules.check(ControlFrames.REQUEST, sentOn);
    } catch (IpcProtocolException e) {
      throw new IllegalArgumentException(
          "requests need \"jipc.request\" and \"jipc.reply\" in the assured profile's"
              + " allowedEvents ("
              + sentOn
              + ")",
          e);
    }
    check(type);
    acceptedRequest = type;
  }

  /** Returns the length of the delimiter in bytes. */
  int delimiterLength() {
    return delimiter.length;
  }

  /**
   * Checks that raw bytes may be sent: only in the raw profile.
   *
   * @throws IllegalStateException in a framed profile
   */
  void requireRaw() {
    if (profile != Profile.RAW) {
      throw new IllegalStateException(
          "raw bytes need the raw profile; "
              + where
              + " uses "
              + profile.nodeName()
              + ": use emit(type, data)");
    }
  }

  private IllegalArgumentException tooLarge() {
    String limit = checkSize ? "maxMessageSize" : "maxPendingBytes";
    IpcProtocolException cause =
        new IpcProtocolException(
            checkSize ? IpcProtocolException.FRAME_TOO_LARGE : IpcProtocolException.BACKPRESSURE,
            "event sent on "
                + where
                + " exceeds "
                + limit
                + " ("
                + maxFrameBytes
                + " bytes); nothing was sent");
    return new IllegalArgumentException(cause.getMessage(), cause);
  }

  private static ByteSink sink() {
    return new ByteSink(512);
  }
}
