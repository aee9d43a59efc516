package io.jipc.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One stage of a client run (probe, warm-up or measurement): started by the main thread, fed events
 * by the connection's reader thread, and completed (or failed) by either. Thread-safe.
 */
abstract class Phase {
  /** Completes when the phase is done; fails with a {@link BenchFailure}. */
  final CompletableFuture<Void> done = new CompletableFuture<>();

  /** Replies (or messages) so far: the progress the stall check watches. */
  final AtomicLong progress = new AtomicLong();

  private final String name;

  Phase(String name) {
    this.name = name;
  }

  /** Returns the phase's name in a failed result: probe, warmup or measure. */
  String name() {
    return name;
  }

  /** Runs the phase on the calling thread until it is done, or throws why not. */
  abstract void run(Watch watch) throws BenchFailure;

  /** Returns the measured wall time in nanoseconds: first send to last reply. */
  abstract long nanos();

  /** Handles a {@code pong}; called on the reader thread. */
  void pong(Object data) {
    fail("unexpected pong in phase " + name);
  }

  /** Handles a {@code done}; called on the reader thread. */
  void done(Object data) {
    fail("unexpected done in phase " + name);
  }

  /** Ends the phase with a failure, unless it is already over. */
  final void fail(String why) {
    done.completeExceptionally(new BenchFailure(why));
  }
}
