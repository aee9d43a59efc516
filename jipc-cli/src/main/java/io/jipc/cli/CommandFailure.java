package io.jipc.cli;

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

  /** Returns the exit status: one of {@link Main}'s {@code EXIT_*} codes. */
  int exitCode() {
    return exitCode;
  }
}
