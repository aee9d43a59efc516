package io.jipc.bench;

import io.jipc.IpcConfig;
import io.jipc.IpcServer;
import io.jipc.Profile;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fan-out benchmark's server on jipc (driven by {@code jipc-bench/fanout}): answers {@code
 * hello} with {@code hi} (empty-object data) to that socket, and {@code go} with a broadcast of
 * {@code bcast} to every socket, whose data is a string of {@code --size} ASCII characters ({@code
 * 'a' + i % 26}).
 *
 * <pre>
 * java -cp jipc-bench.jar io.jipc.bench.FanoutServer --transport unix|tcp --addr ADDR
 *      [--size 1024] [--timeout SECONDS] [--profile guarded|fast|assured] [--io-threads N]
 * </pre>
 *
 * <p>{@code --io-threads N} is passed to {@link IpcConfig.Builder#ioThreads(int)}; without it that
 * setter is not called, so jipc's default applies.
 *
 * <p>Uses only jipc's public API, with {@code maxConnections} 20,000 and nothing logged; errors
 * (the first 20, then a count at exit) go to stderr. Prints {@code READY <transport> <addr>} on
 * stdout once it accepts. Runs until SIGTERM (exit 143) or {@code --timeout} seconds (exit 3); bad
 * arguments or a failed bind exit 2. Accepts only loopback addresses and absolute Unix socket
 * paths.
 */
public final class FanoutServer {
  private static final Set<String> OPTIONS =
      Set.of("transport", "addr", "size", "timeout", "profile", "io-threads");
  private static final int MAX_CONNECTIONS = 20_000;
  private static final long ERRORS_SHOWN = 20;

  private final AtomicLong errors = new AtomicLong();

  private FanoutServer() {}

  /** Runs the server; see the class comment for the arguments and exit codes. */
  public static void main(String[] argv) {
    FanoutServer fanout = new FanoutServer();
    IpcServer server;
    long timeoutSeconds;
    try {
      Args args = Args.parse(argv, OPTIONS);
      String transport = args.string("transport", "tcp");
      if (!transport.equals("unix") && !transport.equals("tcp")) {
        throw new IllegalArgumentException("--transport must be unix or tcp, not " + transport);
      }
      String addr = args.string("addr", "");
      int size = (int) args.number("size", 1024, 0);
      Profile profile = BenchSetup.profile(args.string("profile", "guarded"));
      timeoutSeconds = args.number("timeout", 900, 1);
      long ioThreads = args.number("io-threads", 0, 1); // 0: not given, jipc's default
      // ioThreads(int) refuses a value out of its range, with the range, like a bad argument.
      server =
          fanout.start(
              transport, addr, size, profile, (int) Math.min(ioThreads, Integer.MAX_VALUE));
      System.out.println("READY " + transport + " " + addr);
      System.out.flush();
    } catch (IllegalArgumentException | IOException e) {
      System.err.println("[jipc fanout server] " + e.getMessage());
      System.exit(2);
      return;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  long count = fanout.errors.get();
                  if (count > ERRORS_SHOWN) {
                    System.err.println("[jipc fanout server] " + count + " errors in all");
                  }
                },
                "fanout-server-stop"));
    BenchSetup.awaitTimeout(timeoutSeconds);
    System.err.println("[jipc fanout server] timeout after " + timeoutSeconds + "s, exiting");
    System.exit(3);
  }

  private IpcServer start(String transport, String addr, int size, Profile profile, int ioThreads)
      throws IOException {
    StringBuilder text = new StringBuilder(size);
    for (int i = 0; i < size; i++) {
      text.append((char) ('a' + i % 26));
    }
    String payload = text.toString();
    IpcConfig.Builder builder =
        IpcConfig.builder().profile(profile).silent(true).maxConnections(MAX_CONNECTIONS);
    if (ioThreads > 0) {
      builder.ioThreads(ioThreads);
    }
    IpcConfig config = builder.build();
    IpcServer server = IpcServer.create(BenchSetup.endpoint(transport, addr), config);
    server.on("hello", (data, socket) -> socket.emit("hi"));
    server.on("go", (data, socket) -> server.broadcast("bcast", payload));
    server.on("error", (data, socket) -> report(data));
    server.start();
    return server;
  }

  private void report(Object error) {
    long count = errors.incrementAndGet();
    if (count <= ERRORS_SHOWN) {
      System.err.println("[jipc fanout server] error: " + error);
    } else if (count == ERRORS_SHOWN + 1) {
      System.err.println("[jipc fanout server] further errors are counted, not shown");
    }
  }
}
