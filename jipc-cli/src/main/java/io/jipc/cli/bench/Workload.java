package io.jipc.cli.bench;

import io.jipc.IpcServer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server side of the bench harness's workloads on a jipc server: {@code ping} is answered with
 * {@code pong} and the same data, {@code msg} is counted, and {@code fin} is answered with {@code
 * done} and the count since the previous {@code fin}. The one server of {@code jipc bench server}
 * and of jipc-bench's harness server. Thread-safe: one atomic count over all sockets.
 */
public final class Workload {
  private static final String[] EVENTS = {"ping", "pong", "msg", "fin", "done"};

  private Workload() {}

  /** Returns every event name the workloads send, for the assured profile's allowed events. */
  public static String[] events() {
    return EVENTS.clone();
  }

  /** Installs the workload handlers on {@code server}; call it before the server starts. */
  public static void serve(IpcServer server) {
    AtomicLong messages = new AtomicLong();
    server.on("ping", (data, socket) -> socket.emit("pong", data));
    server.on("msg", (data, socket) -> messages.incrementAndGet());
    server.on("fin", (data, socket) -> socket.emit("done", messages.getAndSet(0)));
  }
}
