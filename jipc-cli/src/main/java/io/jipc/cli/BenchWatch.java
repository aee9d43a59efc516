package io.jipc.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Bounded waiting for the bench client: every wait ends when its phase completes, when its progress
 * has not moved for {@code --stall}, or at the run's deadline ({@code --timeout}); the last two
 * exit with {@link Main#EXIT_TIMEOUT}. Between checks the thread sleeps on the future. When a
 * terminal is attached, each check also redraws a progress line on stderr. Used by the command's
 * thread only.
 */
final class BenchWatch {
  private static final long CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  private final Duration stall;
  private final Duration timeout;
  private final long deadline;
  private final PrintWriter display;

  /**
   * Starts the run's clock.
   *
   * @param display where progress lines go, or null for none
   */
  BenchWatch(Duration stall, Duration timeout, PrintWriter display) {
    this.stall = stall;
    this.timeout = timeout;
    this.deadline = System.nanoTime() + timeout.toNanos();
    this.display = display;
  }

  /**
   * Waits for {@code phase} to complete.
   *
   * @throws CommandFailure if it fails, stalls or outlives the deadline
   */
  void await(BenchPhase phase) {
    long seen = phase.progress.get();
    long seenAt = System.nanoTime();
    long startedAt = seenAt;
    try {
      while (true) {
        try {
          phase.done.get(CHECK_NANOS, TimeUnit.NANOSECONDS);
          return;
        } catch (TimeoutException e) {
          long now = System.nanoTime();
          long current = phase.progress.get();
          show(phase, current, now - startedAt);
          if (current != seen) {
            seen = current;
            seenAt = now;
          } else if (now - seenAt >= stall.toNanos()) {
            throw failure("stalled: no progress for " + DurationConverter.format(stall), phase);
          }
          if (now - deadline >= 0) {
            throw failure("timed out after " + DurationConverter.format(timeout), phase);
          }
        }
      }
    } catch (ExecutionException e) {
      throw e.getCause() instanceof CommandFailure failure
          ? failure
          : new CommandFailure(Main.EXIT_FAILED, FailureText.describe(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailure(Main.EXIT_FAILED, "interrupted (phase " + phase.name() + ")");
    } finally {
      clear();
    }
  }

  /**
   * Waits for a flush or the like within the same bounds, counting it as progress of {@code phase}.
   */
  void await(CompletableFuture<?> future, BenchPhase phase) {
    long left = Math.min(stall.toNanos(), deadline - System.nanoTime());
    try {
      future.get(Math.max(0, left), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw failure(
          "stalled: the connection took nothing for " + DurationConverter.format(stall), phase);
    } catch (ExecutionException e) {
      throw new CommandFailure(
          Main.EXIT_FAILED, FailureText.describe(e.getCause()) + " (phase " + phase.name() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailure(Main.EXIT_FAILED, "interrupted (phase " + phase.name() + ")");
    }
  }

  private static CommandFailure failure(String why, BenchPhase phase) {
    return new CommandFailure(
        Main.EXIT_TIMEOUT,
        why
            + " (phase "
            + phase.name()
            + ", "
            + phase.progress.get()
            + " of "
            + phase.total()
            + ")");
  }

  private void show(BenchPhase phase, long current, long elapsedNanos) {
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
