package io.jipc.internal.loop;

/**
 * Keeps the JVM alive while any endpoint is open, as a listening server or a connected or retrying
 * client keeps a Node process alive: one non-daemon thread, {@code jipc-keepalive}, that exists
 * only while at least one hold is taken. The loops themselves are daemons, so a JVM whose endpoints
 * are all closed exits as soon as its own threads end. Thread-safe.
 */
public final class KeepAlive {
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
    synchronized (LOCK) {
      while (holds > 0) {
        try {
          LOCK.wait();
        } catch (InterruptedException e) {
          // Only the endpoints' own releases end this thread.
        }
      }
      keeper = null;
    }
  }
}
