package io.jipc.interop;

import io.jipc.testing.NodeRuntime;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One {@code peer.mjs} process on the pinned Node 22 with node-ipc 14 or 10 loaded: the test sends
 * it JSON-line commands ({@link #send}) and waits for the JSON-line events it prints ({@link
 * #expect}). Waiting is selective: events that do not match stay held, in order, for later waits,
 * and {@link #held(String)} shows what an endpoint printed that nobody claimed. An {@code uncaught}
 * or {@code timeout} line, or the process ending, fails the wait with the process's stderr.
 *
 * <p>{@link #close()} ends the process: its stdin closes (the script exits on that), then, if it
 * lingers, exactly this process is destroyed. Used by one test thread at a time.
 */
final class NodeIpcPeer implements AutoCloseable {
  /** The longest wait for one event. */
  static final Duration WAIT = Duration.ofSeconds(15);

  private static final Map<String, Object> EOF = Map.of("ev", "\u0000eof");

  private final Lib lib;
  private final Process process;
  private final Writer stdin;
  private final Path stderr;
  private final BlockingQueue<Map<String, Object>> lines = new LinkedBlockingQueue<>();
  private final List<Map<String, Object>> held = new ArrayList<>();
  private final List<String> seen = new ArrayList<>();
  private final AtomicInteger acks = new AtomicInteger();
  private String defaultSocketRoot;

  private NodeIpcPeer(Lib lib, Process process, Path stderr) {
    this.lib = lib;
    this.process = process;
    this.stderr = stderr;
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader = new Thread(this::readLines, "node-ipc-peer-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code peer.mjs} with {@code lib} and waits until it reads commands. */
  static NodeIpcPeer start(Lib lib) throws IOException {
    return start(lib, env -> {});
  }

  /**
   * Starts {@code peer.mjs} with {@code lib}, its environment (a copy of this JVM's) first changed
   * by {@code environment}, and waits until it reads commands.
   */
  static NodeIpcPeer start(Lib lib, Consumer<Map<String, String>> environment) throws IOException {
    NodeRuntime node = NodeRuntime.get();
    Path stderr = Files.createTempFile(node.dir(), "peer-" + lib.arg() + "-", ".stderr");
    ProcessBuilder builder =
        new ProcessBuilder(node.node().toString(), "peer.mjs", lib.arg(), "170")
            .directory(node.dir().toFile())
            .redirectError(stderr.toFile());
    environment.accept(builder.environment());
    NodeIpcPeer peer = new NodeIpcPeer(lib, builder.start(), stderr);
    Map<String, Object> ready = peer.expect(e -> "ready".equals(e.get("ev")), "ready");
    InteropResults.environment("Node.js", String.valueOf(ready.get("node")));
    peer.defaultSocketRoot = String.valueOf(ready.get("socketRoot"));
    return peer;
  }

  /** Returns the library's default {@code socketRoot} in this process, as it printed it. */
  String defaultSocketRoot() {
    return defaultSocketRoot;
  }

  /** Returns the library this process loaded. */
  Lib lib() {
    return lib;
  }

  /** Returns a map of the key-value pairs {@code keyValues}, in order; null values are kept. */
  static Map<String, Object> obj(Object... keyValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }

  /** Sends one command, given as key-value pairs. */
  NodeIpcPeer send(Object... keyValues) {
    return send(obj(keyValues));
  }

  /** Sends one command. */
  NodeIpcPeer send(Map<String, Object> command) {
    try {
      stdin.write(LineJson.write(command));
      stdin.write('\n');
      stdin.flush();
    } catch (IOException e) {
      throw new AssertionError("cannot send " + command + " to node: " + e + "; " + context(), e);
    }
    return this;
  }

  /** Sends a no-op and waits for its answer: every earlier command has run, its output printed. */
  void roundTrip() {
    int ack = acks.incrementAndGet();
    send("cmd", "noop", "ack", ack);
    expect(e -> "ack".equals(e.get("ev")) && Long.valueOf(ack).equals(e.get("ack")), "ack " + ack);
  }

  /** Waits for the next event {@code ev} of endpoint {@code name}. */
  Map<String, Object> expect(String name, String ev) {
    return expect(e -> name.equals(e.get("name")) && ev.equals(e.get("ev")), name + ":" + ev);
  }

  /** Waits for the next wire event of {@code type} that endpoint {@code name} received. */
  Map<String, Object> expectMsg(String name, String type) {
    return expect(
        e -> name.equals(e.get("name")) && "msg".equals(e.get("ev")) && type.equals(e.get("type")),
        name + " msg " + type);
  }

  /** Waits for the first event, held or new, that {@code match} accepts, and claims it. */
  Map<String, Object> expect(Predicate<Map<String, Object>> match, String what) {
    for (Iterator<Map<String, Object>> it = held.iterator(); it.hasNext(); ) {
      Map<String, Object> event = it.next();
      if (match.test(event)) {
        it.remove();
        return event;
      }
    }
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      Map<String, Object> event;
      try {
        event = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
      if (event == null || event == EOF) {
        throw new AssertionError(
            (event == null ? "no " + what + " within " + WAIT : "node exited before " + what)
                + "; "
                + context());
      }
      Object ev = event.get("ev");
      if ("uncaught".equals(ev) || "timeout".equals(ev)) {
        throw new AssertionError("node failed before " + what + ": " + event + "; " + context());
      }
      if (match.test(event)) {
        return event;
      }
      held.add(event);
    }
  }

  /** Returns the next {@code count} wire events endpoint {@code name} received, in order. */
  List<Map<String, Object>> nextMsgs(String name, int count) {
    List<Map<String, Object>> msgs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      msgs.add(expect(e -> name.equals(e.get("name")) && "msg".equals(e.get("ev")), name + " msg"));
    }
    return msgs;
  }

  /**
   * Fails if an event that {@code match} accepts is held or arrives within {@code quiet}; for
   * asserting that something does not happen. Other events that arrive meanwhile are held.
   */
  void assertNoEvent(Predicate<Map<String, Object>> match, Duration quiet, String what) {
    long deadline = System.nanoTime() + quiet.toNanos();
    drain();
    while (true) {
      for (Map<String, Object> event : held) {
        if (match.test(event)) {
          throw new AssertionError("unexpected " + what + ": " + event + "; " + context());
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      try {
        Map<String, Object> event = lines.poll(left, TimeUnit.NANOSECONDS);
        if (event == EOF) {
          throw new AssertionError("node exited while waiting; " + context());
        }
        if (event != null) {
          held.add(event);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** Returns, and forgets, the unclaimed events of endpoint {@code name} read so far. */
  List<Map<String, Object>> held(String name) {
    List<Map<String, Object>> mine = new ArrayList<>();
    drain();
    for (Iterator<Map<String, Object>> it = held.iterator(); it.hasNext(); ) {
      Map<String, Object> event = it.next();
      if (Objects.equals(name, event.get("name"))) {
        mine.add(event);
        it.remove();
      }
    }
    return mine;
  }

  /** Moves what was read into {@link #held}; an end of output stays queued for the next wait. */
  private void drain() {
    lines.drainTo(held);
    if (held.remove(EOF)) {
      lines.add(EOF);
    }
  }

  private void readLines() {
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        synchronized (seen) {
          seen.add(line.length() > 300 ? line.substring(0, 300) + "..." : line);
        }
        try {
          @SuppressWarnings("unchecked")
          Map<String, Object> event = (Map<String, Object>) LineJson.parse(line);
          lines.add(event);
        } catch (RuntimeException e) {
          lines.add(Map.of("ev", "uncaught", "message", "unreadable line: " + line));
        }
      }
    } catch (IOException e) {
      // The process ended; EOF says so.
    }
    lines.add(EOF);
  }

  private String context() {
    List<String> last;
    synchronized (seen) {
      last = List.copyOf(seen.subList(Math.max(0, seen.size() - 25), seen.size()));
    }
    String err;
    try {
      err = Files.readString(stderr, StandardCharsets.UTF_8);
      err = err.substring(Math.max(0, err.length() - 2000));
    } catch (IOException e) {
      err = "(unreadable: " + e + ")";
    }
    return lib + " peer printed (last 25) " + last + "; stderr: " + err;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      stdin.close();
    } catch (IOException e) {
      // Already gone.
    }
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroy();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
    Files.deleteIfExists(stderr);
  }

  /** Ends the process at once with SIGKILL, as a crash would; its sockets close with it. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
  }
}
