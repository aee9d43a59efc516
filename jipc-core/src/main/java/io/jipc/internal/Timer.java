package io.jipc.internal;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one timer thread of the library, shared by all endpoints: message timeouts and close grace
 * periods. Tasks must be short and must not call application handlers; they close sockets, and the
 * socket's own thread then reports what happened.
 */
public final class Timer {
  private static final ScheduledThreadPoolExecutor EXECUTOR = newExecutor();

  private Timer() {}

  private static ScheduledThreadPoolExecutor newExecutor() {
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, "jipc-timer");
              thread.setDaemon(true);
              return thread;
            });
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }

  /** Runs {@code task} once after {@code nanos} nanoseconds. */
  public static ScheduledFuture<?> schedule(Runnable task, long nanos) {
    return EXECUTOR.schedule(task, nanos, TimeUnit.NANOSECONDS);
  }
}
