package io.jipc.internal.loop;

import java.util.concurrent.TimeUnit;

/**
 * Keeps the JVM alive while any endpoint is open, as a listening server or a connected or retrying
 * client keeps a Node process alive: one non-daemon thread, {@code jipc-keepalive}, that exists
 * only while at least one hold is taken. The loops themselves are daemons, so a JVM whose endpoints
 * are all closed exits as soon as its own threads end.
 *
 * <p>The same thread is the loops' watchdog: every {@value #WATCH_MILLIS} ms it looks at each loop
 * and reports a handler that has held one for {@value #SLOW_MILLIS} ms or more, while it still
 * runs, with the loop's stack; so the loops themselves read no clock per event. Thread-safe.
 */
public final class KeepAlive {
  /** A handler that holds a loop this long is reported. */
  public static final long SLOW_MILLIS = 100;

  private static final long WATCH_MILLIS = 50;

  private static final Object LOCK = new Object();
  private static int holds; // Guarded by LOCK.
  private static Thread keeper; // Guarded by LOCK.

  private KeepAlive() {}

  /** Takes a hold: an endpoint opened. Every hold must be released exactly once. */
  public static void hold() {
    synchronized (LOCK) {
      holds++;
      if (keeper == null) {
        keeper = new Thread(KeepAlive::keep, "jipc-keepalive");
        keeper.setDaemon(false); // a thread inherits the flag of its maker, which may be a daemon
        keeper.setContextClassLoader(KeepAlive.class.getClassLoader());
        keeper.start();
      }
    }
  }

  /** Releases a hold: an endpoint is closed for good. */
  public static void release() {
    synchronized (LOCK) {
      if (holds <= 0) {
        throw new IllegalStateException("KeepAlive released more often than held");
      }
      if (--holds == 0) {
        LOCK.notifyAll();
      }
    }
  }

  private static void keep() {
    long threshold = TimeUnit.MILLISECONDS.toNanos(SLOW_MILLIS);
    while (true) {
      synchronized (LOCK) {
        if (holds == 0) {
          keeper = null;
          return;
        }
        try {
          LOCK.wait(WATCH_MILLIS);
        } catch (InterruptedException e) {
          // Only the endpoints' own releases end this thread.
        }
        if (holds == 0) {
          keeper = null;
          return;
        }
      }
      try {
        Loops.watchAll(threshold); // outside the lock: a report may log
      } catch (RuntimeException | Error e) {
        System.getLogger("io.jipc")
            .log(System.Logger.Level.WARNING, "the loop watchdog failed; it goes on", e);
      }
    }
  }
}
