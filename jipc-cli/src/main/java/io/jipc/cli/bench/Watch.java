package io.jipc.cli.bench;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Bounded waiting for a bench client: every wait ends when its phase completes, when its progress
 * has not moved for the stall limit, or at the run's deadline; the last two fail with {@link
 * BenchFailure.Kind#TIMED_OUT}. Between checks the thread sleeps on the future; nothing spins. With
 * a display, each check also redraws a progress line there. Used by the client's thread only.
 */
public final class Watch {
  private static final long CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  private final Duration stall;
  private final Duration timeout;
  private final long deadline;
  private final PrintWriter display;

  /**
   * Starts the run's clock.
   *
   * @param stall how long a wait may see no progress
   * @param timeout how long the whole run may take
   * @param display where progress lines go, or null for none
   */
  public Watch(Duration stall, Duration timeout, PrintWriter display) {
    this.stall = stall;
    this.timeout = timeout;
    this.deadline = System.nanoTime() + timeout.toNanos();
    this.display = display;
  }

  /** Returns the run's deadline on the {@link System#nanoTime()} clock. */
  public long deadline() {
    return deadline;
  }

  /**
   * Waits for {@code phase} to complete.
   *
   * @throws BenchFailure if it fails, stalls or outlives the deadline
   */
  public void await(Phase phase) throws BenchFailure {
    long seen = phase.progress();
    long seenAt = System.nanoTime();
    long startedAt = seenAt;
    try {
      while (true) {
        try {
          phase.done.get(CHECK_NANOS, TimeUnit.NANOSECONDS);
          return;
        } catch (TimeoutException e) {
          long now = System.nanoTime();
          long current = phase.progress();
          show(phase, current, now - startedAt);
          if (current != seen) {
            seen = current;
            seenAt = now;
          } else if (now - seenAt >= stall.toNanos()) {
            throw timedOut("stalled: no progress for " + format(stall), phase);
          }
          if (now - deadline >= 0) {
            throw timedOut("timed out after " + format(timeout), phase);
          }
        }
      }
    } catch (ExecutionException e) {
      throw e.getCause() instanceof BenchFailure failure
          ? failure
          : new BenchFailure(BenchFailure.Kind.FAILED, describe(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted(phase);
    } finally {
      clear();
    }
  }

  /**
   * Waits for a flush or the like within the same bounds, counting it as progress of {@code phase}.
   *
   * @throws BenchFailure if it fails or takes longer than the stall limit or the deadline
   */
  public void await(CompletableFuture<?> future, Phase phase) throws BenchFailure {
    long left = Math.min(stall.toNanos(), deadline - System.nanoTime());
    try {
      future.get(Math.max(0, left), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw timedOut("stalled: the connection took nothing for " + format(stall), phase);
    } catch (ExecutionException e) {
      throw new BenchFailure(
          BenchFailure.Kind.FAILED, describe(e.getCause()) + " (phase " + phase.name() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted(phase);
    }
  }

  /**
   * Returns {@code d} as the command line writes durations: {@code 300ms}, {@code 15s}, {@code
   * 10m}, {@code 1h}.
   */
  public static String format(Duration d) {
    if (d.toNanosPart() != 0 || d.isZero()) {
      return d.toNanosPart() % 1_000_000 == 0 ? d.toMillis() + "ms" : d.toNanos() + "ns";
    }
    long seconds = d.getSeconds();
    if (seconds % 3600 == 0) {
      return seconds / 3600 + "h";
    }
    return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
  }

  private static BenchFailure timedOut(String why, Phase phase) {
    return new BenchFailure(
        BenchFailure.Kind.TIMED_OUT,
        why + " (phase " + phase.name() + ", " + phase.progress() + " of " + phase.total() + ")");
  }

  private static BenchFailure interrupted(Phase phase) {
    return new BenchFailure(BenchFailure.Kind.FAILED, "interrupted (phase " + phase.name() + ")");
  }

  private static String describe(Throwable failure) {
    return failure.getMessage() != null ? failure.getMessage() : failure.toString();
  }

  private void show(Phase phase, long current, long elapsedNanos) {
    if (display == null) {
      return;
    }
    double rate = elapsedNanos > 0 ? current / (elapsedNanos / 1e9) : 0;
    display.printf(
        Locale.ROOT,
        "\r  %-8s %,d / %,d  (%d%%)  %,.0f/s    ",
        phase.name(),
        current,
        phase.total(),
        phase.total() == 0 ? 100 : current * 100 / phase.total(),
        rate);
    display.flush();
  }

  private void clear() {
    if (display != null) {
      display.print("\r" + " ".repeat(72) + "\r");
      display.flush();
    }
  }
}
