package io.jipc.testing;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records what jipc logs through {@link System.Logger} "io.jipc" (the JDK routes it to {@code
 * java.util.logging}), every level, keeping only the lines that contain a given text (an endpoint's
 * name), so tests running at the same time do not see each other's lines. {@link #close()} restores
 * the logger. Thread-safe.
 */
public final class LogRecorder implements AutoCloseable {
  private final Logger logger = Logger.getLogger("io.jipc"); // held: JUL keeps loggers weakly
  private final Level previousLevel = logger.getLevel();
  private final BlockingQueue<LogRecord> records = new LinkedBlockingQueue<>();
  private final Handler handler;

  /** Starts recording the lines that contain {@code text}, at every level. */
  public LogRecorder(String text) {
    handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (record.getMessage() != null && record.getMessage().contains(text)) {
              records.add(record);
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    handler.setLevel(Level.ALL);
    logger.setLevel(Level.ALL);
    logger.addHandler(handler);
  }

  /** Returns the next recorded line, failing the test if none comes within {@code timeout}. */
  public LogRecord next(Duration timeout) throws InterruptedException {
    LogRecord record = records.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    if (record == null) {
      throw new AssertionError("no log line within " + timeout);
    }
    return record;
  }

  /** Skips lines until one at {@code level} comes within {@code timeout}, and returns it. */
  public LogRecord skipTo(Level level, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      LogRecord record = next(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
      if (record.getLevel() == level) {
        return record;
      }
    }
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
    logger.setLevel(previousLevel);
  }
}
