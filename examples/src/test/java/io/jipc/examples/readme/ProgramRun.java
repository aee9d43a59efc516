package io.jipc.examples.readme;

import io.jipc.Ipc;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One README program run as a user runs it: its {@code main} in a JVM of its own, with jipc-core
 * and the examples on the class path; its stdout and stderr are read line by line, and tests wait
 * for lines with a timeout. {@link #close()} ends the process if it still runs. Thread-safe.
 */
final class ProgramRun implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(20);

  private final Process process;
  private final List<String> all = new ArrayList<>(); // Guarded by this.
  private final BlockingQueue<String> fresh = new LinkedBlockingQueue<>();

  private ProgramRun(Process process) {
    this.process = process;
    Thread reader = new Thread(this::read, "output of " + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts {@code main} in {@code dir} with the JVM options {@code jvmOptions}, the environment
   * additions {@code env} and {@code args}.
   */
  static ProgramRun start(
      Class<?> main, Path dir, List<String> jvmOptions, Map<String, String> env, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(location(main) + java.io.File.pathSeparator + location(Ipc.class));
    command.add(main.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.redirectErrorStream(true).environment().putAll(env);
    return new ProgramRun(builder.start());
  }

  private static Path location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private void read() {
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        synchronized (this) {
          all.add(line);
        }
        fresh.add(line);
      }
    } catch (IOException e) {
      // close() ended the process and its stream with it: what it printed is read.
      synchronized (this) {
        all.add("(output ended: " + e.getMessage() + ")");
      }
    }
  }

  /** Waits for the next not yet awaited line that matches, skipping others. */
  String await(Predicate<String> wanted) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      String line = fresh.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new AssertionError("no matching line within " + WAIT + "; output:\n" + output());
      }
      if (wanted.test(line)) {
        return line;
      }
    }
  }

  /** Waits, bounded, for the program to end by itself and returns its exit status. */
  int exitCode() throws InterruptedException {
    if (!process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("still running after " + WAIT + "; output:\n" + output());
    }
    return process.exitValue();
  }

  /** Returns everything the program printed so far. */
  synchronized String output() {
    return String.join("\n", all);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }
  }
}
