package io.jipc.cli;

import io.jipc.IpcProtocolException;

/**
 * Ends a command with one line on stderr and the exit status that says what happened (see {@link
 * Main} for the codes). Thrown by commands, caught only by {@link Main}'s exception handler.
 */
final class CommandFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  CommandFailure(int exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  /**
   * Returns the failure for a protocol error on a connection: exit {@link Main#EXIT_CONNECT} when
   * one side speaks TLS and the other does not ({@code ERR_IPC_TLS_MISMATCH}: the connection could
   * never have worked), else {@link Main#EXIT_PROTOCOL}.
   */
  static CommandFailure protocolError(IpcProtocolException failure) {
    if (IpcProtocolException.TLS_MISMATCH.equals(failure.code())) {
      return new CommandFailure(
          Main.EXIT_CONNECT,
          FailureText.describe(failure) + " (jipc: tls:// targets speak TLS, tcp:// ones do not)");
    }
    return new CommandFailure(
        Main.EXIT_PROTOCOL, "protocol error: " + FailureText.describe(failure));
  }

  /** Returns the exit status: one of {@link Main}'s {@code EXIT_*} codes. */
  int exitCode() {
    return exitCode;
  }
}
