package io.jipc.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The output of {@code serve}, {@code emit} and {@code listen}: each received event as one JSON
 * line on stdout, {@code {"ts":"<ISO-8601>","socket":<id or null>,"type":"...","data":...}}, and
 * what happens to connections as plain lines on stderr. Thread-safe: lines from several threads
 * never interleave, and each is flushed at once.
 */
final class EventLines {
  private static final Set<String> LIFECYCLE =
      Set.of("start", "connect", "disconnect", "destroy", "close", "socket.disconnected");

  private final PrintWriter out;
  private final PrintWriter err;
  private final String prefix;

  /**
   * Creates the printer of one command.
   *
   * @param prefix starts every stderr line, such as {@code "jipc serve: "}
   */
  EventLines(PrintWriter out, PrintWriter err, String prefix) {
    this.out = out;
    this.err = err;
    this.prefix = prefix;
  }

  /**
   * Returns true for the lifecycle events jipc fires itself, false for events from the wire. Under
   * the guarded and assured profiles the wire cannot carry these names; under fast it can, and a
   * wire {@code connect} with null data is taken for the lifecycle event.
   */
  static boolean isLifecycle(String type, Object data) {
    return switch (type) {
      case "error" -> data instanceof Throwable;
      case "data" -> false;
      case "socket.disconnected" -> true;
      default -> LIFECYCLE.contains(type) && data == null;
    };
  }

  /** Prints one event as a JSON line on stdout. */
  void event(String socket, String type, Object data) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("ts", Instant.now().toString());
    line.put("socket", socket);
    line.put("type", type);
    line.put("data", data);
    String text = JsonText.write(line);
    synchronized (this) {
      out.println(text);
      out.flush();
    }
  }

  /** Prints a line about connections or progress on stderr. */
  void note(String message) {
    synchronized (this) {
      err.println(prefix + message);
      err.flush();
    }
  }
}
