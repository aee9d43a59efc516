package io.jipc.cli;

import io.jipc.Endpoint;
import io.jipc.IpcConfig;
import io.jipc.IpcServer;
import io.jipc.IpcSocket;
import io.jipc.Profile;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jipc serve <target>}: a server that prints every event it receives as one JSON line, and
 * optionally answers ({@code --echo}, {@code --reply}) or relays it to the other sockets ({@code
 * --relay}). Runs until interrupted (Ctrl-C), until {@code --count} events arrived, or for {@code
 * --timeout}; then closes the server (removing its Unix socket file) and exits 0.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Serve a target and print each received event as a JSON line on stdout:",
      "{\"ts\":\"<ISO-8601>\",\"socket\":\"<id>\",\"type\":\"...\",\"data\":...}",
      "stderr: \"listening on <endpoint>\", then connections and errors.",
      "--relay makes it a hub: `jipc listen` clients get what `jipc emit` sends.",
      "Exit status: 0 stopped (Ctrl-C, SIGTERM, --count, --timeout), 2 usage,",
      "3 cannot bind."
    })
final class ServeCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "<target>",
      converter = Target.Converter.class,
      description =
          "Unix path, id (socketRoot + appspace + id), [tcp://]host:port, tls://host:port,"
              + " udp4://host:port or udp6://[host]:port; port 0 binds a free port.")
  Target target;

  @Option(names = "--echo", description = "Answer each event with the same type and data.")
  boolean echo;

  @Option(
      names = "--relay",
      description =
          "Send each received event to every other connected socket (not back to its sender):"
              + " with `listen` and `emit` a publish/subscribe hub.")
  boolean relay;

  @Option(
      names = "--reply",
      paramLabel = "TYPE=JSON",
      description =
          "Answer events of TYPE with an event of TYPE carrying JSON (@FILE: from a file, -:"
              + " stdin; repeatable).")
  Map<String, String> replies = new LinkedHashMap<>();

  @Option(
      names = "--count",
      paramLabel = "N",
      description = "Stop after N events (default: run until interrupted).")
  long count;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Stop after this long, such as 30s (default: run until interrupted).")
  Duration timeout;

  @Option(names = "--raw", description = "node-ipc's rawBuffer: bytes, no events (profile raw).")
  boolean rawBuffer;

  @Mixin PeerOptions peer;

  @Mixin TlsFlags.Server tls;

  @Spec CommandSpec spec;

  private volatile Lifetime lifetime;
  private volatile IpcServer server;
  private final AtomicLong received = new AtomicLong();
  private EventLines lines;
  private Map<String, Object> cannedReplies;
  private boolean raw;

  @Override
  public Integer call() {
    lines = new EventLines(spec.commandLine().getOut(), spec.commandLine().getErr(), "");
    IpcConfig config = peer.build(peer.config(target, tls, rawBuffer));
    raw = config.profile() == Profile.RAW;
    cannedReplies = parseReplies(new JsonArgument(System.in, config.limits().maxMessageSize()));
    if (count < 0) {
      throw peer.usage("--count must be 0 or more, not " + count);
    }
    Endpoint endpoint = peer.endpoint(target, config, true);
    IpcServer server = IpcServer.create(endpoint, config);
    this.server = server;
    server.on("*", this::handle);
    try (Lifetime lifetime = new Lifetime(server::close, "jipc-serve-stop")) {
      this.lifetime = lifetime;
      start(server, endpoint);
      String profile = config.profile().nodeName();
      String mode = relay ? "; relaying each event to the other sockets" : "";
      lines.note("listening on " + server.endpoint() + " (profile " + profile + mode + ")");
      lifetime.await(timeout);
    } finally {
      server.close();
    }
    return Main.EXIT_OK;
  }

  /** Returns who connected: the address, or for Unix sockets the peer's user and group. */
  private static String peer(IpcSocket socket) {
    return socket
        .peerCredentials()
        .map(c -> "(user " + c.user() + ", group " + c.group() + ")")
        .orElseGet(() -> "from " + socket.remoteAddress());
  }

  private static void start(IpcServer server, Endpoint endpoint) {
    try {
      server.start();
    } catch (IOException | IllegalStateException e) {
      throw new CommandFailure(
          Main.EXIT_CONNECT, FailureText.inContext("cannot listen on " + endpoint, e));
    }
  }

  private Map<String, Object> parseReplies(JsonArgument arguments) {
    if (raw && !replies.isEmpty()) {
      throw peer.usage("--reply needs events; the raw profile has none (use --echo)");
    }
    Map<String, Object> parsed = new LinkedHashMap<>();
    replies.forEach(
        (type, json) -> {
          try {
            parsed.put(type, arguments.parse(json));
          } catch (IllegalArgumentException e) {
            throw peer.usage("--reply " + type + ": " + e.getMessage());
          }
        });
    return parsed;
  }

  private void handle(String type, Object data, IpcSocket socket) {
    if (EventLines.isLifecycle(type, data)) {
      lifecycle(type, data, socket);
      return;
    }
    lines.event(socket == null ? null : socket.id(), type, data);
    try {
      answer(type, data, socket);
    } catch (RuntimeException e) {
      lines.note(
          "cannot answer " + type + " on socket " + socket.id() + ": " + FailureText.describe(e));
    }
    if (count > 0 && received.incrementAndGet() >= count) {
      lifetime.end();
    }
  }

  private void answer(String type, Object data, IpcSocket socket) {
    if (socket == null) {
      return;
    }
    if (relay) {
      relay(type, data, socket);
    }
    if (cannedReplies.containsKey(type)) {
      socket.emit(type, cannedReplies.get(type));
    } else if (echo && raw) {
      socket.emit((byte[]) data);
    } else if (echo) {
      socket.emit(type, data);
    }
  }

  /** Sends the event to every socket but its sender; a full queue closes only that socket. */
  private void relay(String type, Object data, IpcSocket sender) {
    for (IpcSocket other : server.sockets()) {
      if (other.id().equals(sender.id())) {
        continue;
      }
      if (raw) {
        other.emit((byte[]) data);
      } else {
        other.emit(type, data);
      }
    }
  }

  private void lifecycle(String type, Object data, IpcSocket socket) {
    switch (type) {
      case "connect" -> {
        if (socket != null) {
          lines.note("socket " + socket.id() + " connected " + peer(socket));
        }
      }
      case "socket.disconnected" -> lines.note("socket " + data + " disconnected");
      case "error" ->
          lines.note(
              (socket == null ? "error: " : "socket " + socket.id() + " error: ")
                  + FailureText.describe((Throwable) data));
      default -> {
        // start and close add nothing to "listening" and "disconnected"
      }
    }
  }
}
