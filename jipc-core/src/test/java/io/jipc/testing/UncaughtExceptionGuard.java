package io.jipc.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test if any thread died of an uncaught exception while it ran: a library thread must
 * never die. Registered for every test through JUnit's extension auto-detection.
 */
public final class UncaughtExceptionGuard implements BeforeEachCallback, AfterEachCallback {
  private static final List<String> DEATHS = new CopyOnWriteArrayList<>();

  static {
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler(
        (thread, failure) -> {
          DEATHS.add(thread.getName() + ": " + failure);
          if (previous != null) {
            previous.uncaughtException(thread, failure);
          } else {
            failure.printStackTrace();
          }
        });
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    DEATHS.clear();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!DEATHS.isEmpty()) {
      List<String> seen = List.copyOf(DEATHS);
      DEATHS.clear();
      throw new AssertionError("threads died of uncaught exceptions: " + seen);
    }
  }
}
