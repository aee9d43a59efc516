package io.jipc;

import java.time.Duration;

/**
 * The finite limits of an endpoint. Every buffer and queue jipc keeps for a connection is bounded
 * by one of these; exceeding a limit closes that one connection with an {@link
 * IpcProtocolException} that names the limit and its value.
 *
 * @param maxMessageSize largest frame in bytes, delimiter excluded; applies to the unterminated
 *     rest of an incoming frame as bytes arrive (every framed profile) and to outgoing frames
 *     (guarded, assured)
 * @param maxPendingBytes largest number of bytes queued for writing on one connection
 * @param maxEventNameLength longest event name in UTF-16 units (guarded, assured)
 * @param messageTimeout longest wait for the rest of an incomplete frame; restarts whenever a frame
 *     completes; {@link Duration#ZERO} disables it (guarded, assured)
 * @param maxConnections most sockets a stream server holds at once; more are closed on accept
 * @param maxJsonDepth deepest nesting of arrays and objects read or written
 */
public record Limits(
    int maxMessageSize,
    int maxPendingBytes,
    int maxEventNameLength,
    Duration messageTimeout,
    int maxConnections,
    int maxJsonDepth) {

  /** Longest {@code messageTimeout} accepted; declared first, the defaults below use it. */
  static final Duration MAX_TIMEOUT = Duration.ofDays(1);

  /** The defaults: node-ipc 14's values (1 MiB, 8 MiB, 256, 30 s, 100) and a depth of 1000. */
  public static final Limits DEFAULTS =
      new Limits(1024 * 1024, 8 * 1024 * 1024, 256, Duration.ofSeconds(30), 100, 1000);

  /** Checks every limit. */
  public Limits {
    positive("maxMessageSize", maxMessageSize);
    positive("maxPendingBytes", maxPendingBytes);
    positive("maxEventNameLength", maxEventNameLength);
    timeout("messageTimeout", messageTimeout);
    positive("maxConnections", maxConnections);
    positive("maxJsonDepth", maxJsonDepth);
  }

  static int positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, not " + value);
    }
    return value;
  }

  static Duration timeout(String name, Duration value) {
    IpcConfig.checkNotNull(value, name);
    if (value.isZero()) {
      return value;
    }
    if (value.isNegative() || value.compareTo(Duration.ofMillis(1)) < 0) {
      throw new IllegalArgumentException(name + " must be zero or at least 1 ms, not " + value);
    }
    if (value.compareTo(MAX_TIMEOUT) > 0) {
      throw new IllegalArgumentException(name + " must be at most 1 day, not " + value);
    }
    return value;
  }
}
