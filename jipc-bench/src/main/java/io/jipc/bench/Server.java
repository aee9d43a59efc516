package io.jipc.bench;

import io.jipc.IpcConfig;
import io.jipc.IpcServer;
import io.jipc.Profile;
import io.jipc.TlsOptions;
import io.jipc.cli.bench.Workload;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * The harness's bench server on jipc: answers {@code ping} with {@code pong} (same data), counts
 * {@code msg}, and answers {@code fin} with {@code done} and the count since the previous {@code
 * fin}.
 *
 * <pre>
 * java -cp jipc-bench.jar io.jipc.bench.Server --transport unix|tcp|tls|udp4 --addr ADDR
 *      [--timeout SECONDS] [--profile guarded|fast|assured] [--cert PEM --key PEM]
 * </pre>
 *
 * <p>Prints {@code READY <transport> <addr>} on stdout once it accepts; logs go to stderr. Serves
 * any number of connections (over udp4: senders, each answered at its address) until SIGTERM (exit
 * 143) or {@code --timeout} seconds (exit 3). tls needs {@code --cert} and {@code --key}. Bad
 * arguments exit 2.
 */
public final class Server {
  private static final Set<String> OPTIONS =
      Set.of("transport", "addr", "cert", "key", "timeout", "profile");

  private Server() {}

  /** Runs the server; see the class comment for the arguments and exit codes. */
  public static void main(String[] argv) {
    IpcServer server;
    long timeoutSeconds;
    try {
      Args args = Args.parse(argv, OPTIONS);
      String transport = args.string("transport", "tcp");
      String addr = args.string("addr", "");
      Profile profile = BenchSetup.profile(args.string("profile", "guarded"));
      long fallback = (long) Args.seconds("BENCH_SERVER_TIMEOUT_S", 900);
      timeoutSeconds = args.number("timeout", fallback, 1);
      server = start(transport, addr, profile, args.string("cert", ""), args.string("key", ""));
      System.out.println("READY " + transport + " " + addr);
      System.out.flush();
    } catch (IllegalArgumentException | IOException e) {
      System.err.println("[jipc server] " + e.getMessage());
      System.exit(2);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "bench-server-stop"));
    BenchSetup.awaitTimeout(timeoutSeconds);
    System.err.println("[jipc server] timeout after " + timeoutSeconds + "s, exiting");
    System.exit(3);
  }

  /** Binds and starts a server with the bench handlers; returns once it accepts. */
  static IpcServer start(String transport, String addr, Profile profile, String cert, String key)
      throws IOException {
    return new Server().bind(transport, addr, profile, cert, key);
  }

  private IpcServer bind(String transport, String addr, Profile profile, String cert, String key)
      throws IOException {
    IpcConfig.Builder config =
        BenchSetup.config(profile).maxConnections(16).closeTimeout(Duration.ofMillis(500));
    if (transport.equals("tls")) {
      if (cert.isEmpty() || key.isEmpty()) {
        throw new IllegalArgumentException("--transport tls needs --cert and --key");
      }
      config.tls(TlsOptions.builder().publicCert(Path.of(cert)).privateKey(Path.of(key)).build());
    }
    IpcServer server = IpcServer.create(BenchSetup.endpoint(transport, addr), config.build());
    Workload.serve(server);
    server.on("error", (data, socket) -> System.err.println("[jipc server] error: " + data));
    server.start();
    return server;
  }
}
