package io.jipc.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What one example printed: hand {@link #out()} to its {@code run} method, then assert on {@link
 * #lines()}. Thread-safe (the example prints from jipc's threads).
 */
public final class Transcript {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  /** Returns the stream to give the example. */
  public PrintStream out() {
    return out;
  }

  /** Returns the lines printed so far. */
  public List<String> lines() {
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Override
  public String toString() {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
