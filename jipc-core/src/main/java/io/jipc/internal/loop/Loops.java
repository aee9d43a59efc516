package io.jipc.internal.loop;

import io.jipc.IpcConfig;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The I/O loops of the library, shared by every endpoint in the JVM: loop {@code i} is made the
 * first time an endpoint asks for it, so the group grows to the largest {@code ioThreads} any
 * endpoint uses and never beyond it. Endpoints take loops round-robin. Thread-safe.
 */
public final class Loops {
  private static final Object LOCK = new Object();
  private static final AtomicInteger NEXT = new AtomicInteger();
  private static volatile Loop[] loops = new Loop[0];

  private Loops() {}

  /**
   * Returns the next of the first {@code ioThreads} loops, round-robin over every caller.
   *
   * @throws IllegalArgumentException unless {@code 1 <= ioThreads <=} {@link
   *     IpcConfig#MAX_IO_THREADS}
   */
  public static Loop pick(int ioThreads) {
    if (ioThreads < 1 || ioThreads > IpcConfig.MAX_IO_THREADS) {
      throw new IllegalArgumentException(
          "ioThreads must be in [1, " + IpcConfig.MAX_IO_THREADS + "]: " + ioThreads);
    }
    return get(Math.floorMod(NEXT.getAndIncrement(), ioThreads));
  }

  private static Loop get(int index) {
    Loop[] known = loops;
    if (index < known.length) {
      return known[index];
    }
    synchronized (LOCK) {
      known = loops;
      if (index >= known.length) {
        Loop[] more = Arrays.copyOf(known, index + 1);
        for (int i = known.length; i <= index; i++) {
          more[i] = new Loop("jipc-loop-" + (i + 1));
        }
        loops = more;
        known = more;
      }
      return known[index];
    }
  }

  /**
   * Lets the watchdog look at every loop once: a handler that has held its loop for {@code
   * thresholdNanos} or more is reported (see {@link Loop#handlerStarted}). Watchdog thread only.
   */
  static void watchAll(long thresholdNanos) {
    long now = System.nanoTime();
    for (Loop loop : loops) {
      loop.watch(now, thresholdNanos);
    }
  }

  /** Returns the loop whose thread calls this, or null on any other thread. */
  public static Loop current() {
    return Thread.currentThread() instanceof Loop.LoopThread thread ? thread.loop : null;
  }
}
