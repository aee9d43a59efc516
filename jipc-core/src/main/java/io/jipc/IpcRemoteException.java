package io.jipc;

import java.util.Objects;

/**
 * The peer answered a request with an error: the reason a request's future failed when the other
 * side's request handler threw, had no handler for the type, or could not send its answer. Carries
 * the error code and message the peer sent.
 *
 * <p>A request handler may throw one itself to choose the code and message its caller gets;
 * anything else it throws reaches the caller as {@link #HANDLER_FAILED} with the exception's
 * message (and is reported to the answering side's own {@code error} handlers). Codes jipc sends
 * are the constants of this class and, when the answering side's profile refuses the request's
 * type, the codes of {@link IpcProtocolException}; a peer may send any other string.
 */
public final class IpcRemoteException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The peer has no request handler for the request's type. */
  public static final String NO_HANDLER = "ERR_IPC_NO_HANDLER";

  /** The peer's request handler threw, or the answer it returned failed. */
  public static final String HANDLER_FAILED = "ERR_IPC_HANDLER_FAILED";

  /** The peer's answer, as a frame, was larger than its {@code maxMessageSize}. */
  public static final String REPLY_TOO_LARGE = "ERR_IPC_REPLY_TOO_LARGE";

  /** The request was malformed: its data was not an object with an id and a string type. */
  public static final String INVALID_REQUEST = "ERR_IPC_INVALID_REQUEST";

  private final String code;
  private final String remoteMessage;

  /**
   * Creates an error answer; thrown by a request handler, its caller's future fails with an
   * exception carrying this code and message.
   *
   * @param code the error code, such as {@link #HANDLER_FAILED} or one of the application's own
   * @param message what went wrong, sent to the caller as it is
   */
  public IpcRemoteException(String code, String message) {
    this(code, message, message);
  }

  /**
   * Creates the failure of a request as its caller sees it.
   *
   * @param code the error code the peer sent
   * @param remoteMessage the message the peer sent
   * @param message names the request and the peer, and includes {@code remoteMessage}
   */
  public IpcRemoteException(String code, String remoteMessage, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
    this.remoteMessage = Objects.requireNonNull(remoteMessage, "message");
  }

  /** Returns the error code the peer sent, such as {@code "ERR_IPC_NO_HANDLER"}. */
  public String code() {
    return code;
  }

  /** Returns the message the peer sent, without jipc's words about the request. */
  public String remoteMessage() {
    return remoteMessage;
  }

  @Override
  public String toString() {
    return "IpcRemoteException[" + code + "]: " + getMessage();
  }
}
