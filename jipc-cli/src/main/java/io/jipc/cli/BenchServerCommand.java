package io.jipc.cli;

import io.jipc.Endpoint;
import io.jipc.IpcConfig;
import io.jipc.IpcServer;
import io.jipc.Profile;
import io.jipc.cli.bench.Workload;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jipc bench server <target>}: the harness's bench server. Answers {@code ping} with {@code
 * pong} (same data), counts {@code msg}, and answers {@code fin} with {@code done} and the count
 * since the previous {@code fin}. Prints {@code READY <transport> <address>} on stdout once it
 * accepts (the harness waits for that line); serves until interrupted or {@code --timeout}.
 */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Serve the bench workloads: ping -> pong, count msg, fin -> done <count>.",
      "Prints \"READY <transport> <address>\" on stdout once it accepts."
    })
final class BenchServerCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "<target>",
      converter = Target.Converter.class,
      description = "Where to listen; the forms of `jipc serve` (tls:// needs --key and --cert).")
  Target target;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Stop after this long (default: run until interrupted).")
  Duration timeout;

  @Mixin PeerOptions peer;

  @Mixin TlsFlags.Server tls;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    EventLines lines = new EventLines(spec.commandLine().getOut(), spec.commandLine().getErr(), "");
    IpcConfig config = config();
    Endpoint endpoint = peer.endpoint(target, config, true);
    IpcServer server = IpcServer.create(endpoint, config);
    Workload.serve(server);
    server.on(
        "connect",
        (data, socket) -> {
          if (socket != null) {
            lines.note("socket " + socket.id() + " connected");
          }
        });
    server.on("socket.disconnected", (id, socket) -> lines.note("socket " + id + " disconnected"));
    server.on(
        "error", (data, socket) -> lines.note("error: " + FailureText.describe((Throwable) data)));
    try (Lifetime lifetime = new Lifetime(server::close, "jipc-bench-server-stop")) {
      try {
        server.start();
      } catch (IOException | IllegalStateException e) {
        throw new CommandFailure(
            Main.EXIT_CONNECT, FailureText.inContext("cannot listen on " + endpoint, e));
      }
      spec.commandLine().getOut().println("READY " + target.transport() + " " + address(server));
      spec.commandLine().getOut().flush();
      lines.note(
          "listening on " + server.endpoint() + " (profile " + config.profile().nodeName() + ")");
      lifetime.await(timeout);
    } finally {
      server.close();
    }
    return Main.EXIT_OK;
  }

  private IpcConfig config() {
    IpcConfig.Builder builder =
        peer.config(target, tls, false).closeTimeout(Duration.ofMillis(500));
    Profile profile = peer.profile(false);
    if (profile == Profile.RAW) {
      throw peer.usage("the bench workloads are events; the raw profile has none");
    }
    if (profile == Profile.ASSURED && peer.allowed.isEmpty()) {
      builder.allowedEvents(Workload.events());
    }
    return peer.build(builder);
  }

  /** Returns the bound address as the harness writes it: a path, or host:port. */
  private static String address(IpcServer server) {
    Endpoint bound = server.endpoint();
    return bound instanceof Endpoint.Udp udp
        ? Endpoint.tcp(udp.host(), udp.port()).toString()
        : bound.toString();
  }
}
