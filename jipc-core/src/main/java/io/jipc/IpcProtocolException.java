package io.jipc;

import java.net.ProtocolException;
import java.util.Objects;

/**
 * A peer broke the protocol or a limit, or a send was refused by the endpoint's {@link Profile};
 * carries node-ipc's error code.
 *
 * <p>Received violations close only the connection they happened on and arrive in that endpoint's
 * {@code error} event; they never reach application handlers. Send-side violations are thrown from
 * {@code emit} as an {@link IllegalArgumentException} whose cause is this exception, and nothing is
 * written. Messages name the endpoint and the numbers involved but never echo payloads.
 */
public final class IpcProtocolException extends ProtocolException {
  private static final long serialVersionUID = 1L;

  /** A frame that is not valid JSON (or is empty). */
  public static final String INVALID_JSON = "ERR_IPC_INVALID_JSON";

  /** JSON that is not an object. */
  public static final String INVALID_MESSAGE = "ERR_IPC_INVALID_MESSAGE";

  /**
   * An event {@code type} that is missing, not a string, empty, or a name inherited from
   * JavaScript's {@code Object.prototype} (node-ipc 14's {@code validateType}).
   */
  public static final String INVALID_EVENT = "ERR_IPC_INVALID_EVENT";

  /** An event name longer than {@code maxEventNameLength} UTF-16 units. */
  public static final String EVENT_TOO_LARGE = "ERR_IPC_EVENT_TOO_LARGE";

  /** A lifecycle event name used on the wire. */
  public static final String RESERVED_EVENT = "ERR_IPC_RESERVED_EVENT";

  /** An event name outside {@code allowedEvents} (assured profile). */
  public static final String EVENT_NOT_ALLOWED = "ERR_IPC_EVENT_NOT_ALLOWED";

  /** A frame, or the unterminated rest of one, larger than {@code maxMessageSize} bytes. */
  public static final String FRAME_TOO_LARGE = "ERR_IPC_FRAME_TOO_LARGE";

  /** An incomplete frame waited longer than {@code messageTimeout}. */
  public static final String MESSAGE_TIMEOUT = "ERR_IPC_MESSAGE_TIMEOUT";

  /** Queued writes for one connection exceeded {@code maxPendingBytes}. */
  public static final String BACKPRESSURE = "ERR_IPC_BACKPRESSURE";

  /** The {@code tls} options cannot work: a TLS server without key or certificate, a bad PEM. */
  public static final String TLS_CONFIGURATION = "ERR_IPC_TLS_CONFIGURATION";

  /**
   * One side of a TCP connection speaks TLS and the other does not: a plain side received a TLS
   * record, or a TLS side received bytes that are no TLS record. jipc's own code; node-ipc has
   * none.
   */
  public static final String TLS_MISMATCH = "ERR_IPC_TLS_MISMATCH";

  /** The assured profile on a network endpoint without mutual, verifying TLS. */
  public static final String ASSURED_TLS = "ERR_IPC_ASSURED_TLS";

  /** The assured profile on a transport it refuses (plain TCP, UDP, an unchecked Unix path). */
  public static final String ASSURED_TRANSPORT = "ERR_IPC_ASSURED_TRANSPORT";

  /** A request beyond {@code maxPendingRequests} on one connection; it was not sent. */
  public static final String TOO_MANY_REQUESTS = "ERR_IPC_TOO_MANY_REQUESTS";

  /**
   * A connection with {@code heartbeat} on stayed silent for {@code heartbeatTimeout}; unlike the
   * other codes, a client reconnects after it, as after any outage.
   */
  public static final String HEARTBEAT_TIMEOUT = "ERR_IPC_HEARTBEAT_TIMEOUT";

  /**
   * A reply that matches no waiting request: it came after its request timed out or failed, or
   * names an id never sent. Reported, at most once a second with a count; the connection stays.
   */
  public static final String UNKNOWN_REPLY = "ERR_IPC_UNKNOWN_REPLY";

  private final String code;

  /**
   * Creates an exception.
   *
   * @param code node-ipc's error code, one of the constants of this class
   * @param message what happened, naming the endpoint and the numbers
   */
  public IpcProtocolException(String code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** Returns node-ipc's error code, such as {@code "ERR_IPC_INVALID_JSON"}. */
  public String code() {
    return code;
  }

  @Override
  public String toString() {
    return "IpcProtocolException[" + code + "]: " + getMessage();
  }
}
