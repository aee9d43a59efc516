package io.jipc.internal.loop;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A task that a {@link Loop} runs once at a deadline, unless {@link #cancel()} came first. The loop
 * keeps its timers in a heap; a cancelled timer leaves it when it reaches the top. Thread-safe: any
 * thread may cancel.
 */
public final class LoopTimer implements Comparable<LoopTimer> {
  private static final VarHandle TASK;

  static {
    try {
      TASK = MethodHandles.lookup().findVarHandle(LoopTimer.class, "task", Runnable.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private volatile Runnable task; // Null once cancelled or run: a cancelled timer pins nothing.
  private long deadline; // Loop thread only.
  private long order; // Loop thread only: ties are broken by the order of arming.

  LoopTimer(Runnable task) {
    this.task = task;
  }

  /**
   * Makes sure the task will not run; idempotent, and harmless once it ran. The timer lets go of
   * the task at once, so what the task refers to (a closed connection, say) is not kept until the
   * deadline.
   */
  public void cancel() {
    task = null;
  }

  boolean cancelled() {
    return task == null;
  }

  void arm(long deadline, long order) {
    this.deadline = deadline;
    this.order = order;
  }

  /**
   * Called by the loop to run the task: returns it, and a later cancel is a no-op; null if none.
   */
  Runnable take() {
    return (Runnable) TASK.getAndSet(this, (Runnable) null);
  }

  long deadline() {
    return deadline;
  }

  @Override
  public int compareTo(LoopTimer other) {
    int byTime = Long.compare(deadline - other.deadline, 0);
    return byTime != 0 ? byTime : Long.compare(order, other.order);
  }
}
