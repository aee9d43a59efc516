package io.jipc.cli;

import io.jipc.Endpoint;
import io.jipc.IpcClient;
import io.jipc.IpcConfig;
import io.jipc.IpcServer;
import io.jipc.IpcSocket;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jipc demo}: a server and two clients on the default Unix socket ({@code socketRoot +
 * appspace + id}) exchange and broadcast a few events and print what happens, step by step, each
 * payload as JSON (object keys in the order they were sent). Exits 0 when every expected event
 * arrived, 1 otherwise.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Run a server and two clients on the default Unix socket and print the events.")
final class DemoCommand implements Callable<Integer> {
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(10);

  @Option(
      names = "--id",
      paramLabel = "ID",
      defaultValue = "jipc-demo",
      description =
          "Service id; the socket is socketRoot + \"app.\" + id (default: ${DEFAULT-VALUE}).")
  String id;

  @Option(
      names = "--socket-root",
      paramLabel = "DIR",
      description = "Directory of the socket (default: node-ipc's per-user socket root).")
  Path socketRoot;

  @Spec CommandSpec spec;

  private final BlockingQueue<String> arrivals = new LinkedBlockingQueue<>();
  private PrintWriter out;

  @Override
  public Integer call() throws Exception {
    out = spec.commandLine().getOut();
    IpcConfig.Builder builder = IpcConfig.builder().id(id);
    if (socketRoot != null) {
      builder.socketRoot(socketRoot);
    }
    IpcConfig config = builder.build();
    Path path = config.socketFile().resolvedRoot().resolve(config.socketFile().appspace() + id);
    out.println("jipc demo: one server and two clients on " + path);
    out.println("(profile " + config.profile().nodeName() + ", Unix domain socket)");
    try (IpcServer server = IpcServer.create(Endpoint.unix(path), config)) {
      server.on("connect", (data, socket) -> say("server", "socket " + socket.id() + " connected"));
      server.on("message", (data, socket) -> answer(server, socket, data));
      server.on(
          "socket.disconnected",
          (socketId, socket) -> {
            say("server", "socket " + socketId + " disconnected");
            arrivals.add("server:gone");
          });
      server.start();
      say("server", "listening on " + server.endpoint());
      try (IpcClient hello = client(path, config, "hello");
          IpcClient there = client(path, config, "there")) {
        hello.emit("message", "hello");
        say("hello", "sent message " + show("hello"));
        await("hello:message");
        there.emit("message", "hi there");
        say("there", "sent message " + show("hi there"));
        await("there:message");
        Map<String, Object> news = new LinkedHashMap<>();
        news.put("text", "good news, everyone");
        news.put("clients", server.sockets().size());
        say("server", "broadcasting news " + show(news) + " to every socket");
        server.broadcast("news", news);
        await("hello:news");
        await("there:news");
        say("hello", "disconnecting");
      }
      await("server:gone");
      await("server:gone");
    }
    out.println("demo finished: every event arrived");
    out.flush();
    return 0;
  }

  private IpcClient client(Path path, IpcConfig config, String name) throws Exception {
    IpcClient client = IpcClient.create(Endpoint.unix(path), config);
    client.on("connect", () -> say(name, "connected"));
    client.on(
        "message",
        data -> {
          say(name, "got message " + show(data));
          arrivals.add(name + ":message");
        });
    client.on(
        "news",
        data -> {
          say(name, "got news " + show(data));
          arrivals.add(name + ":news");
        });
    client.on("error", data -> say(name, "error: " + FailureText.describe((Throwable) data)));
    client.connect().get(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    return client;
  }

  private void answer(IpcServer server, IpcSocket socket, Object data) {
    say("server", "got message " + show(data) + " from socket " + socket.id());
    String reply = data + " world!";
    server.emit(socket, "message", reply);
    say("server", "answered message " + show(reply));
  }

  private void await(String arrival) throws InterruptedException {
    long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
    while (true) {
      String seen = arrivals.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (seen == null) {
        throw new IllegalStateException("no " + arrival + " within " + STEP_TIMEOUT);
      }
      if (seen.equals(arrival)) {
        return;
      }
      arrivals.add(seen);
    }
  }

  private synchronized void say(String who, String what) {
    out.printf("  %-9s %s%n", "[" + who + "]", what);
    out.flush();
  }

  /** Returns {@code value} as JSON, as jipc sends it (objects in JavaScript's key order). */
  private static String show(Object value) {
    return EventLines.json(value);
  }
}
