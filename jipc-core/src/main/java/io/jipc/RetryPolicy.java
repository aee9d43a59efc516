package io.jipc;

import java.time.Duration;

/**
 * How a client reconnects after its connection closes: node-ipc's {@code retry}, {@code maxRetries}
 * and {@code stopRetrying}.
 *
 * <p>After a close, unless stopped or out of retries, the client waits {@code retry} and connects
 * again. {@code maxRetries} counts attempts per outage and is reset by every successful connect; 0
 * means never reconnect. A client that gives up fires {@code destroy}.
 *
 * @param retry pause before each reconnect attempt, at least 1 ms
 * @param maxRetries attempts per outage, 0 or more; {@link IpcConfig#UNBOUNDED_RETRIES} for no
 *     limit
 * @param stopRetrying true: never reconnect (node-ipc's {@code stopRetrying})
 */
public record RetryPolicy(Duration retry, int maxRetries, boolean stopRetrying) {

  /** node-ipc's defaults: 500 ms, unbounded, retrying. */
  public static final RetryPolicy DEFAULTS =
      new RetryPolicy(Duration.ofMillis(500), IpcConfig.UNBOUNDED_RETRIES, false);

  /** Checks the values. */
  public RetryPolicy {
    checkRetry(retry);
    checkMaxRetries(maxRetries);
  }

  static Duration checkRetry(Duration retry) {
    IpcConfig.checkNotNull(retry, "retry");
    if (retry.compareTo(Duration.ofMillis(1)) < 0 || retry.compareTo(Limits.MAX_TIMEOUT) > 0) {
      throw new IllegalArgumentException("retry must be 1 ms to 1 day, not " + retry);
    }
    return retry;
  }

  static int checkMaxRetries(int maxRetries) {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be 0 or more, not " + maxRetries);
    }
    return maxRetries;
  }

  /** Returns true when {@code maxRetries} is {@link IpcConfig#UNBOUNDED_RETRIES}. */
  public boolean unbounded() {
    return maxRetries == IpcConfig.UNBOUNDED_RETRIES;
  }
}
