package io.jipc.cli.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One stage of a bench client run (probe, warm-up or measurement): started by the client's thread,
 * fed events by the link's thread, and completed (or failed) by either. Thread-safe.
 */
public abstract class Phase {
  /** Completes when the phase is done; fails with a {@link BenchFailure}. */
  final CompletableFuture<Void> done = new CompletableFuture<>();

  /** Replies (or messages) so far: the progress the stall check watches and the display shows. */
  final AtomicLong progress = new AtomicLong();

  private final String name;
  private final long total;

  Phase(String name, long total) {
    this.name = name;
    this.total = total;
  }

  /** Returns the phase's name: probe, warmup or measure. */
  public final String name() {
    return name;
  }

  /** Returns the count {@link #progress} reaches when the phase is done. */
  public final long total() {
    return total;
  }

  /** Returns the replies (or messages) so far: what the stall check watches. */
  public final long progress() {
    return progress.get();
  }

  /** Runs the phase on the calling thread until it is done, or throws why not. */
  public abstract void run(Watch watch) throws BenchFailure;

  /** Returns the measured wall time in nanoseconds: first send to last reply. */
  public abstract long nanos();

  /** Handles a {@code pong}; called on the link's thread. */
  public void pong(Object data) {
    fail(BenchFailure.Kind.WRONG_REPLY, "unexpected pong");
  }

  /** Handles a {@code done}; called on the link's thread. */
  public void finished(Object data) {
    fail(BenchFailure.Kind.WRONG_REPLY, "unexpected done");
  }

  /** Ends the phase with a failure of {@code kind}, unless it is already over. */
  public final void fail(BenchFailure.Kind kind, String why) {
    done.completeExceptionally(new BenchFailure(kind, why + " (phase " + name + ")"));
  }
}
