package io.jipc.internal;

import io.jipc.IpcConfig;
import java.lang.System.Logger.Level;
import java.util.function.Consumer;

/**
 * Where jipc's log lines go: nowhere when {@code silent}, to the config's {@code logger} when set
 * (every level, as node-ipc sends everything to its logger), else to {@link System.Logger}
 * "io.jipc". Payloads appear only through {@link #payload(Object)}, which hides them unless {@code
 * logPayloads}. Immutable and thread-safe.
 */
public final class Log {
  private static final System.Logger SYSTEM = System.getLogger("io.jipc");

  private final boolean silent;
  private final Consumer<String> custom;
  private final boolean payloads;

  /** Creates the log of an endpoint with {@code config}. */
  public Log(IpcConfig config) {
    this.silent = config.silent();
    this.custom = config.logger();
    this.payloads = config.logPayloads();
  }

  /** Returns true when a line at {@code level} goes anywhere. */
  public boolean enabled(Level level) {
    return !silent && (custom != null || SYSTEM.isLoggable(level));
  }

  /** Logs a routine event (connections, retries). */
  public void debug(String message) {
    log(Level.DEBUG, message, null);
  }

  /** Logs something worth an operator's attention. */
  public void warn(String message, Throwable cause) {
    log(Level.WARNING, message, cause);
  }

  /** Logs a line asked for by the application ({@code Ipc.log}). */
  public void info(String message) {
    log(Level.INFO, message, null);
  }

  /** Returns the payload for a log line, or a placeholder unless {@code logPayloads}. */
  public Object payload(Object data) {
    return payloads ? data : "<payload hidden>";
  }

  private void log(Level level, String message, Throwable cause) {
    if (silent) {
      return;
    }
    if (custom != null) {
      try {
        custom.accept(cause == null ? message : message + " " + cause);
        return;
      } catch (RuntimeException | Error e) {
        // A broken application logger must not break a connection; fall back to System.Logger.
        SYSTEM.log(Level.WARNING, "the configured logger threw", e);
      }
    }
    if (SYSTEM.isLoggable(level)) {
      SYSTEM.log(level, message, cause);
    }
  }
}
