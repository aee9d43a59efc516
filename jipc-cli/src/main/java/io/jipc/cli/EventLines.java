package io.jipc.cli;

import io.jipc.internal.codec.JsonWriter;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The output of {@code serve}, {@code emit} and {@code listen}: each received event as one JSON
 * line on stdout, {@code {"ts":"<ISO-8601>","socket":<id or null>,"type":"...","data":...}}, and
 * what happens to connections as plain lines on stderr. Thread-safe: lines from several threads
 * never interleave, and each is flushed at once. In the raw profile {@code data} is printed as
 * Node's {@code Buffer.toJSON()}: {@code {"type":"Buffer","data":[104,105]}}.
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
    line.put("data", data instanceof byte[] bytes ? buffer(bytes) : data);
    String text = json(line);
    synchronized (this) {
      out.println(text);
      out.flush();
    }
  }

  /**
   * Returns {@code value} as one line of JSON, exactly as jipc would send it. Values from the wire
   * were bounded in depth when they were read, so printing sets no bound of its own.
   */
  static String json(Object value) {
    return JsonWriter.toText(value, Integer.MAX_VALUE);
  }

  /**
   * Returns raw bytes as Node's {@code Buffer.toJSON()} shows them: {@code {"type":"Buffer",…}}.
   */
  private static Map<String, Object> buffer(byte[] bytes) {
    List<Integer> octets = new ArrayList<>(bytes.length);
    for (byte b : bytes) {
      octets.add(b & 0xFF);
    }
    Map<String, Object> buffer = new LinkedHashMap<>();
    buffer.put("type", "Buffer");
    buffer.put("data", octets);
    return buffer;
  }

  /** Prints a line about connections or progress on stderr. */
  void note(String message) {
    synchronized (this) {
      err.println(prefix + message);
      err.flush();
    }
  }
}
