package io.jipc.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounded waiting for a client: every wait ends when its future completes, when the watched
 * progress counter has not moved for the stall limit ({@code BENCH_STALL_S}), or at the run's
 * deadline ({@code BENCH_CLIENT_TIMEOUT_S}). The waiting thread sleeps on the future between
 * checks; nothing spins. Used by the client's main thread only.
 */
final class Watch {
  private static final long CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  private final long stallNanos;
  private final long deadline;
  private final double stallSeconds;
  private final double timeoutSeconds;

  Watch(double stallSeconds, double timeoutSeconds) {
    this.stallSeconds = stallSeconds;
    this.timeoutSeconds = timeoutSeconds;
    this.stallNanos = (long) (stallSeconds * 1e9);
    this.deadline = System.nanoTime() + (long) (timeoutSeconds * 1e9);
  }

  /** Returns the run's deadline on the {@link System#nanoTime()} clock. */
  long deadline() {
    return deadline;
  }

  /**
   * Waits for {@code future}.
   *
   * @throws BenchFailure if it fails (with its cause's message), stalls or outlives the deadline
   */
  void await(CompletableFuture<?> future, AtomicLong progress) throws BenchFailure {
    long seen = progress.get();
    long seenAt = System.nanoTime();
    while (true) {
      try {
        future.get(CHECK_NANOS, TimeUnit.NANOSECONDS);
        return;
      } catch (TimeoutException e) {
        long now = System.nanoTime();
        long current = progress.get();
        if (current != seen) {
          seen = current;
          seenAt = now;
        } else if (now - seenAt >= stallNanos) {
          throw new BenchFailure("stall: no progress for " + trim(stallSeconds) + "s");
        }
        if (now - deadline >= 0) {
          throw new BenchFailure("timeout after " + trim(timeoutSeconds) + "s");
        }
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        throw cause instanceof BenchFailure failure
            ? failure
            : new BenchFailure(String.valueOf(cause));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BenchFailure("interrupted");
      }
    }
  }

  private static String trim(double seconds) {
    return seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds);
  }
}
