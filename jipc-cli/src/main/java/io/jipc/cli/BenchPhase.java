package io.jipc.cli;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One stage of a bench client run (probe, warm-up or measurement): started by the command's thread,
 * fed events by the link's thread, and completed (or failed) by either. Thread-safe.
 */
abstract class BenchPhase {
  /** Completes when the phase is done; fails with a {@link CommandFailure}. */
  final CompletableFuture<Void> done = new CompletableFuture<>();

  /** Replies (or messages) so far: the progress the stall check watches and the display shows. */
  final AtomicLong progress = new AtomicLong();

  private final String name;
  private final long total;

  BenchPhase(String name, long total) {
    this.name = name;
    this.total = total;
  }

  /** Returns the phase's name: probe, warmup or measure. */
  final String name() {
    return name;
  }

  /** Returns the count {@link #progress} reaches when the phase is done. */
  final long total() {
    return total;
  }

  /** Runs the phase on the calling thread until it is done, or throws a {@link CommandFailure}. */
  abstract void run(BenchWatch watch);

  /** Returns the measured wall time in nanoseconds: first send to last reply. */
  abstract long nanos();

  /** Handles a {@code pong}; called on the link's thread. */
  void pong(Object data) {
    fail(Main.EXIT_PROTOCOL, "unexpected pong in phase " + name);
  }

  /** Handles a {@code done}; called on the link's thread. */
  void finished(Object data) {
    fail(Main.EXIT_PROTOCOL, "unexpected done in phase " + name);
  }

  /** Ends the phase with a failure and that exit status, unless it is already over. */
  final void fail(int exitCode, String why) {
    done.completeExceptionally(new CommandFailure(exitCode, why + " (phase " + name + ")"));
  }
}
