package io.jipc.bench;

import io.jipc.Profile;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The harness's load client on jipc: connect, one untimed probe round trip, an untimed warm-up,
 * then the measured phase; prints exactly one JSON result line on stdout and exits 0 only if every
 * reply was verified.
 *
 * <pre>
 * java -cp jipc-bench.jar io.jipc.bench.Client --transport unix|tcp|tls|udp4 --addr ADDR --mode rtt|oneway
 *      --n N --window W --payload P --warmup WU [--ca PEM] [--profile guarded|fast|assured]
 *      [--high-water BYTES]
 * </pre>
 *
 * <p>Bounded by {@code BENCH_STALL_S} (default 15 s without progress) and {@code
 * BENCH_CLIENT_TIMEOUT_S} (default 600 s overall); either prints {@code "ok":false} and exits 2.
 * Everything but the result line goes to stderr.
 */
public final class Client {
  private static final Set<String> OPTIONS =
      Set.of(
          "transport",
          "addr",
          "mode",
          "n",
          "window",
          "payload",
          "warmup",
          "ca",
          "profile",
          "high-water");
  private static final AtomicBoolean PRINTED = new AtomicBoolean();

  private final Settings settings;
  private final Result result;
  private final Watch watch;
  private volatile Phase current;
  private volatile String phaseName = "connect";

  private Client(Settings settings, Watch watch) {
    this.settings = settings;
    this.watch = watch;
    this.result =
        new Result(
            settings.transport,
            settings.mode,
            settings.n,
            settings.window,
            settings.payload,
            settings.warmup,
            settings.profile.nodeName());
  }

  /** Runs the client; see the class comment for arguments, output and exit codes. */
  public static void main(String[] argv) {
    Args args = null;
    Settings settings;
    Watch watch;
    try {
      args = Args.parse(argv, OPTIONS);
      settings = Settings.of(args);
      watch =
          new Watch(Args.seconds("BENCH_STALL_S", 15), Args.seconds("BENCH_CLIENT_TIMEOUT_S", 600));
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      System.err.println("[jipc client] " + e.getMessage());
      Result bad = echo(args);
      bad.failed(e.getMessage(), "arguments", 0);
      print(bad, true);
      return;
    }
    Client client = new Client(settings, watch);
    startDeadlineGuard(client, watch);
    print(client.run(), true);
  }

  /** Returns a result echoing whatever of the arguments can be read, for a failed start. */
  private static Result echo(Args args) {
    if (args == null) {
      return new Result("?", "?", 0, 0, 0, 0, "?");
    }
    return new Result(
        args.string("transport", "?"),
        args.string("mode", "?"),
        args.lenient("n"),
        args.lenient("window"),
        (int) args.lenient("payload"),
        args.lenient("warmup"),
        args.string("profile", "guarded"));
  }

  /** Runs the whole client and returns its result, without printing or exiting. */
  static Result run(Settings settings, Watch watch) {
    return new Client(settings, watch).run();
  }

  private Result run() {
    Link link;
    try {
      link =
          Link.open(
              settings,
              data -> {
                Phase phase = current;
                if (phase != null) {
                  phase.pong(data);
                }
              },
              data -> {
                Phase phase = current;
                if (phase != null) {
                  phase.done(data);
                }
              },
              this::failCurrent);
    } catch (RuntimeException e) {
      result.failed(e.toString(), phaseName, 0);
      return result;
    }
    try {
      watch.await(link.connected(), new AtomicLong());
      enter(new RttPhase("probe", link, settings.payload, 1, 1, false));
      if (settings.warmup > 0) {
        enter(phase("warmup", link, settings.warmup, false));
      }
      collectGarbage();
      Phase measure = phase("measure", link, settings.n, settings.window == 1);
      enter(measure);
      long[] latencies = measure instanceof RttPhase rtt ? rtt.latencies() : null;
      result.measured(measure.nanos(), latencies);
    } catch (BenchFailure e) {
      Phase failed = current;
      long received = failed == null ? 0 : failed.progress.get();
      result.failed(e.getMessage(), phaseName, received);
    } finally {
      current = null;
      link.close();
    }
    return result;
  }

  private Phase phase(String name, Link client, long count, boolean record) {
    return settings.mode.equals("rtt")
        ? new RttPhase(name, client, settings.payload, count, settings.window, record)
        : new OnewayPhase(name, client, settings.payload, count, settings.highWater);
  }

  private void enter(Phase phase) throws BenchFailure {
    phaseName = phase.name();
    current = phase;
    phase.run(watch);
  }

  private void failCurrent(String why) {
    Phase phase = current;
    if (phase != null) {
      phase.fail(why);
    }
  }

  /** Untimed, as the node client's forced GCs: the measured phase starts with a clean heap. */
  private static void collectGarbage() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
  }

  /**
   * Prints the result line once, then exits with 0 or 2 when {@code exit}; later calls do nothing
   * (the deadline guard and the main thread may both try).
   */
  static void print(Result result, boolean exit) {
    if (!PRINTED.compareAndSet(false, true)) {
      return;
    }
    System.out.println(result.toJson());
    System.out.flush();
    if (exit) {
      System.exit(result.ok() ? 0 : 2);
    }
  }

  /** Exits with a failed result if the main thread is somehow still busy past the deadline. */
  private static void startDeadlineGuard(Client client, Watch watch) {
    Thread guard =
        new Thread(
            () -> {
              long grace = TimeUnit.SECONDS.toNanos(5);
              long left;
              while ((left = watch.deadline() + grace - System.nanoTime()) > 0) {
                try {
                  TimeUnit.NANOSECONDS.sleep(left);
                } catch (InterruptedException e) {
                  return;
                }
              }
              Result late = client.result;
              late.failed("timeout: the client did not finish in time", client.phaseName, 0);
              print(late, true);
            },
            "bench-deadline");
    guard.setDaemon(true);
    guard.start();
  }

  /** The checked command line of a client. */
  record Settings(
      String transport,
      String addr,
      String mode,
      long n,
      long window,
      int payload,
      long warmup,
      Profile profile,
      long highWater,
      String ca) {

    /** Checks the options; throws IllegalArgumentException naming the bad one. */
    static Settings of(Args args) {
      String mode = args.string("mode", "rtt");
      if (!mode.equals("rtt") && !mode.equals("oneway")) {
        throw new IllegalArgumentException("--mode must be rtt or oneway, not " + mode);
      }
      Settings settings =
          new Settings(
              args.string("transport", "tcp"),
              args.string("addr", ""),
              mode,
              args.number("n", 1000, 1),
              args.number("window", 1, 1),
              Math.toIntExact(args.number("payload", 64, 1)),
              args.number("warmup", 0, 0),
              BenchSetup.profile(args.string("profile", "guarded")),
              args.number("high-water", 1 << 20, 1),
              args.string("ca", ""));
      BenchSetup.endpoint(settings.transport, settings.addr); // fails early on a bad address
      return settings;
    }
  }
}
