package io.jipc.bench;

import io.jipc.Profile;
import io.jipc.cli.bench.BenchFailure;
import io.jipc.cli.bench.OneWayPhase;
import io.jipc.cli.bench.Phase;
import io.jipc.cli.bench.RoundTripPhase;
import io.jipc.cli.bench.Watch;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

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
          new Watch(
              seconds(Args.seconds("BENCH_STALL_S", 15)),
              seconds(Args.seconds("BENCH_CLIENT_TIMEOUT_S", 600)),
              null);
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
                  phase.finished(data);
                }
              },
              this::failCurrent);
    } catch (RuntimeException e) {
      result.failed(e.toString(), phaseName, 0);
      return result;
    }
    try {
      awaitConnected(link);
      enter(new RoundTripPhase("probe", link, settings.payload, 1, 1, udp(), null));
      if (settings.warmup > 0) {
        enter(phase("warmup", link, settings.warmup, null));
      }
      collectGarbage();
      boolean record = settings.mode.equals("rtt") && settings.window == 1;
      Latencies latencies = record ? new Latencies(settings.n) : null;
      Phase measure = phase("measure", link, settings.n, latencies);
      enter(measure);
      result.measured(measure.nanos(), record ? latencies.all() : null);
    } catch (BenchFailure e) {
      Phase failed = current;
      long received = failed == null ? 0 : failed.progress();
      result.failed(e.getMessage(), phaseName, received);
    } finally {
      current = null;
      link.close();
    }
    return result;
  }

  private Phase phase(String name, Link client, long count, LongConsumer latencies) {
    return settings.mode.equals("rtt")
        ? new RoundTripPhase(
            name, client, settings.payload, count, settings.window, udp(), latencies)
        : new OneWayPhase(name, client, settings.payload, count, settings.highWater);
  }

  /** Over UDP pongs may overtake each other; the harness allows any order there. */
  private boolean udp() {
    return settings.transport.equals("udp4");
  }

  /** Waits for the link as long as the stall limit allows. */
  private void awaitConnected(Link link) throws BenchFailure {
    Duration stall = seconds(Args.seconds("BENCH_STALL_S", 15));
    try {
      link.connected().get(stall.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new BenchFailure(
          BenchFailure.Kind.TIMED_OUT, "not connected after " + Watch.format(stall));
    } catch (ExecutionException e) {
      throw new BenchFailure(BenchFailure.Kind.FAILED, String.valueOf(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchFailure(BenchFailure.Kind.FAILED, "interrupted");
    }
  }

  private static Duration seconds(double seconds) {
    return Duration.ofNanos((long) (seconds * 1e9));
  }

  private void enter(Phase phase) throws BenchFailure {
    phaseName = phase.name();
    current = phase;
    phase.run(watch);
  }

  private void failCurrent(String why) {
    Phase phase = current;
    if (phase != null) {
      phase.fail(BenchFailure.Kind.FAILED, why);
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

  /** Every round trip's latency of the measured phase, in nanoseconds: for exact percentiles. */
  private static final class Latencies implements LongConsumer {
    private final long[] values;
    private int count;

    Latencies(long n) {
      values = new long[Math.toIntExact(n)];
    }

    @Override
    public void accept(long nanos) {
      values[count++] = nanos;
    }

    long[] all() {
      return Arrays.copyOf(values, count);
    }
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
