package io.jipc.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Node.js script from {@code src/test/node} running in the background on the pinned Node 22
 * ({@link NodeRuntime}); its stdout lines are collected so a test can wait for them. {@link
 * #close()} stops exactly this process.
 */
public final class NodePeer implements AutoCloseable {
  private static final String EOF = "\u0000eof";

  private final Process process;
  private final Path stderr;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> seen = new ArrayList<>();

  private NodePeer(Process process, Path stderr) {
    this.process = process;
    this.stderr = stderr;
    Thread reader = new Thread(this::readLines, "node-peer-stdout-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code script} with {@code args}. */
  public static NodePeer start(String script, String... args) throws IOException {
    NodeRuntime node = NodeRuntime.get();
    Path stderr = Files.createTempFile(node.dir(), "peer-", ".stderr");
    List<String> command = new ArrayList<>(List.of(node.node().toString(), script));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .directory(node.dir().toFile())
            .redirectError(stderr.toFile())
            .start();
    return new NodePeer(process, stderr);
  }

  private void readLines() {
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
      }
    } catch (IOException e) {
      // The process ended; EOF below says so.
    }
    lines.add(EOF);
  }

  /** Waits for the next stdout line that contains {@code text}, failing after {@code timeout}. */
  public String awaitLine(String text, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null || line.equals(EOF)) {
        throw new AssertionError(
            (line == null ? "no line with " : "node exited before a line with ")
                + text
                + "; saw "
                + seen
                + "; stderr: "
                + stderrTail());
      }
      seen.add(line);
      if (line.contains(text)) {
        return line;
      }
    }
  }

  /** Waits for the process to exit and returns its status, failing after {@code timeout}. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
      throw new AssertionError("node did not exit within " + timeout + "; saw " + seen);
    }
    return process.exitValue();
  }

  private String stderrTail() {
    try {
      String all = Files.readString(stderr, StandardCharsets.UTF_8);
      return all.substring(Math.max(0, all.length() - 2000));
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
    Files.deleteIfExists(stderr);
  }
}
