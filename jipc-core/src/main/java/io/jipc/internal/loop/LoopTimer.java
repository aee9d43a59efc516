package io.jipc.internal.loop;

/**
 * A task that a {@link Loop} runs once at a deadline, unless {@link #cancel()} came first. The loop
 * keeps its timers in a heap; a cancelled timer leaves it when it reaches the top. Thread-safe: any
 * thread may cancel.
 */
public final class LoopTimer implements Comparable<LoopTimer> {
  private final Runnable task;
  private volatile boolean cancelled;
  private long deadline; // Loop thread only.
  private long order; // Loop thread only: ties are broken by the order of arming.

  LoopTimer(Runnable task) {
    this.task = task;
  }

  /** Makes sure the task will not run; idempotent, and harmless once it ran. */
  public void cancel() {
    cancelled = true;
  }

  boolean cancelled() {
    return cancelled;
  }

  void arm(long deadline, long order) {
    this.deadline = deadline;
    this.order = order;
  }

  /** Called by the loop just before it runs the task: a later cancel is a no-op. */
  void fired() {
    cancelled = true;
  }

  long deadline() {
    return deadline;
  }

  Runnable task() {
    return task;
  }

  @Override
  public int compareTo(LoopTimer other) {
    int byTime = Long.compare(deadline - other.deadline, 0);
    return byTime != 0 ? byTime : Long.compare(order, other.order);
  }
}
