package io.jipc.cli.bench;

/**
 * Why a bench client run did not produce a valid measurement. The message says what happened and in
 * which phase; {@link #kind()} says what sort of failure it is, for an exit status.
 */
public final class BenchFailure extends Exception {
  private static final long serialVersionUID = 1L;

  /** What sort of failure ended the run. */
  public enum Kind {
    /** Not connected, the connection closed or failed, or the run was interrupted. */
    FAILED,
    /** Nothing progressed for the stall limit, or the run outlived its deadline. */
    TIMED_OUT,
    /** A reply did not verify: a wrong pong, an unexpected event, a wrong count. */
    WRONG_REPLY
  }

  private final Kind kind;

  /** Creates a failure of {@code kind} with its full message. */
  public BenchFailure(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  /** Returns what sort of failure this is. */
  public Kind kind() {
    return kind;
  }
}
