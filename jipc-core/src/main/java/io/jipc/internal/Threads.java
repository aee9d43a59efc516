package io.jipc.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Starts jipc's threads, named {@code jipc-<id>-<role>-<n>}. Threads that must keep the JVM alive
 * (a listening server, a client that is connected or retrying, as they keep a Node process alive)
 * are platform threads; the others are virtual threads on JDK 21+ (found at run time, the code
 * compiles for 17), else daemon platform threads. The system property {@code jipc.threads=platform}
 * turns virtual threads off.
 */
public final class Threads {
  private static final MethodHandle VIRTUAL = findVirtualStarter();

  private Threads() {}

  /** Returns true when {@link #start} makes virtual threads. */
  public static boolean virtual() {
    return VIRTUAL != null;
  }

  /** Starts {@code task} on a new daemon (or virtual) thread named {@code name}. */
  public static Thread start(String name, Runnable task) {
    if (VIRTUAL != null) {
      try {
        return (Thread) VIRTUAL.invokeExact(name, task);
      } catch (Throwable e) {
        throw new IllegalStateException("cannot start virtual thread " + name, e);
      }
    }
    return startPlatform(name, task, true);
  }

  /** Starts {@code task} on a new platform thread that keeps the JVM alive while it runs. */
  public static Thread startKeepingAlive(String name, Runnable task) {
    return startPlatform(name, task, false);
  }

  private static Thread startPlatform(String name, Runnable task, boolean daemon) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(daemon);
    thread.start();
    return thread;
  }

  private static MethodHandle findVirtualStarter() {
    if ("platform".equals(System.getProperty("jipc.threads"))) {
      return null;
    }
    try {
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      Class<?> builder = Class.forName("java.lang.Thread$Builder");
      Class<?> ofVirtualType = Class.forName("java.lang.Thread$Builder$OfVirtual");
      MethodHandle ofVirtual =
          lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtualType));
      MethodHandle name =
          lookup.findVirtual(builder, "name", MethodType.methodType(builder, String.class));
      MethodHandle start =
          lookup.findVirtual(builder, "start", MethodType.methodType(Thread.class, Runnable.class));
      MethodHandle named =
          MethodHandles.collectArguments(name, 0, ofVirtual.asType(MethodType.methodType(builder)));
      return MethodHandles.collectArguments(start, 0, named)
          .asType(MethodType.methodType(Thread.class, String.class, Runnable.class));
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }
}
