package io.jipc.internal;

import io.jipc.IpcConfig;
import java.lang.System.Logger.Level;
import java.util.function.Consumer;

/**
 * Where jipc's log lines go: nowhere when {@code silent}, to the config's {@code logger} when set
 * (every level, as node-ipc sends everything to its logger), else to {@link System.Logger}
 * "io.jipc". Callers include payloads only when {@code logPayloads}. Immutable and thread-safe.
 */
final class Log {
  private static final System.Logger SYSTEM = System.getLogger("io.jipc");

  private final boolean silent;
  private final Consumer<String> custom;

  /** Creates the log of an endpoint with {@code config}. */
  Log(IpcConfig config) {
    this.silent = config.logging().silent();
    this.custom = config.logging().logger();
  }

  /** Logs a routine event (connections, retries). */
  void debug(String message) {
    log(Level.DEBUG, message, null);
  }

  /** Logs something worth an operator's attention. */
  void warn(String message, Throwable cause) {
    log(Level.WARNING, message, cause);
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
