package io.jipc.testing;

import java.util.List;

/** The live threads jipc runs in this JVM (loops, keep-alive, resolver), by name. */
public final class JipcThreads {
  private JipcThreads() {}

  /** Returns the names of the live threads whose name starts with {@code jipc-}, sorted. */
  public static List<String> names() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith("jipc-"))
        .sorted()
        .toList();
  }
}
