package io.jipc.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How long a serving command runs: until {@link #end()}, a timeout, an interrupt of the waiting
 * thread (how tests and embedding callers stop it), or JVM shutdown (Ctrl-C, SIGTERM), which runs
 * the given cleanup first so a Unix socket file is removed. Thread-safe.
 *
 * <p>A stop by signal is a requested stop, so the process exits with the command's status (0), not
 * the JVM's 128 + signal number (130 for Ctrl-C): the shutdown hook ends the lifetime, waits for
 * {@link Main#main} to finish the command, and halts with its status. The JVM would otherwise exit
 * with the signal's status as soon as its hooks return.
 */
final class Lifetime implements AutoCloseable {
  /** How long a signalled stop waits for the command to finish before the JVM's status applies. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final CountDownLatch ended = new CountDownLatch(1);
  private final Thread hook;

  /** Starts a lifetime; {@code onShutdown} runs if the JVM shuts down before it ends. */
  Lifetime(Runnable onShutdown, String name) {
    hook =
        new Thread(
            () -> {
              onShutdown.run();
              ended.countDown();
              Main.awaitMainStatus(STOP_GRACE).ifPresent(Runtime.getRuntime()::halt);
            },
            name);
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Ends the lifetime: {@link #await} returns. */
  void end() {
    ended.countDown();
  }

  /**
   * Waits until the lifetime ends, {@code timeout} passes (null: no limit) or the thread is
   * interrupted (its interrupt flag is kept).
   *
   * @return false if the timeout passed first
   */
  boolean await(Duration timeout) {
    try {
      if (timeout == null) {
        ended.await();
        return true;
      }
      return ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  /** Removes the shutdown hook, unless shutdown already runs it. */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or has run: nothing to remove.
    }
  }
}
