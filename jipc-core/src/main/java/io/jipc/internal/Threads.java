package io.jipc.internal;

/**
 * Starts jipc's threads, named {@code jipc-<id>-<role>-<n>}. All are platform threads: readers wait
 * in a selector when a read finds nothing, which would pin a virtual thread's carrier, and measured
 * with the benchmark harness virtual threads were slower for this workload (JDK 25, W=64: 219k
 * against 427k round trips per second). Threads that must keep the JVM alive (a listening server, a
 * connected or retrying client, as they keep a Node process alive) are non-daemon; the others are
 * daemons.
 */
public final class Threads {
  private Threads() {}

  /** Starts {@code task} on a new daemon thread named {@code name}. */
  static Thread start(String name, Runnable task) {
    return start(name, task, true);
  }

  /** Starts {@code task} on a new thread that keeps the JVM alive while it runs. */
  public static Thread startKeepingAlive(String name, Runnable task) {
    return start(name, task, false);
  }

  private static Thread start(String name, Runnable task, boolean daemon) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(daemon);
    thread.start();
    return thread;
  }
}
