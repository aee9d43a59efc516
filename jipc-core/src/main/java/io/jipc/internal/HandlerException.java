package io.jipc.internal;

/**
 * Wraps what an application handler threw, so the {@code error} event says which event's handler
 * failed; the original is the cause.
 */
final class HandlerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  HandlerException(String owner, String type, Throwable cause) {
    super("a handler for \"" + type + "\" on " + owner + " threw " + cause, cause);
  }
}
