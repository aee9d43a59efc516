package io.jipc.cli;

import io.jipc.Endpoint;
import io.jipc.IpcConfig;
import io.jipc.IpcProtocolException;
import io.jipc.Profile;
import io.jipc.cli.bench.BenchFailure;
import io.jipc.cli.bench.OneWayPhase;
import io.jipc.cli.bench.Phase;
import io.jipc.cli.bench.RoundTripPhase;
import io.jipc.cli.bench.Watch;
import io.jipc.cli.bench.Workload;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jipc bench client <target>}: the harness's load client. Connects, makes one untimed probe
 * round trip, runs the untimed warm-up, collects garbage, then measures {@code --n} round trips
 * ({@code rtt}, at most {@code --window} in flight) or one-way messages ({@code oneway}), and
 * prints a summary table or, with {@code --json}, one JSON line. Exit status 0 only if every reply
 * was verified; 3 cannot connect, 4 stalled or timed out, 5 a wrong reply.
 */
@Command(
    name = "client",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Run a bench workload against a bench server; print throughput and latency.",
      "Progress on stderr when a terminal is attached. Exit status: 0 ok, 2 usage,",
      "3 cannot connect, 4 stalled or timed out, 5 a reply did not verify, 1 other."
    })
final class BenchClientCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "<target>",
      converter = Target.Converter.class,
      description = "The bench server; the forms of `jipc serve`.")
  Target target;

  @Option(
      names = "--mode",
      paramLabel = "MODE",
      defaultValue = "rtt",
      description = "rtt (round trips) or oneway (messages) (default: ${DEFAULT-VALUE}).")
  String mode;

  @Option(
      names = "--n",
      paramLabel = "N",
      defaultValue = "100000",
      description = "Measured round trips or messages (default: ${DEFAULT-VALUE}).")
  long n;

  @Option(
      names = "--window",
      paramLabel = "W",
      defaultValue = "1",
      description = "rtt: round trips in flight, 1 to 1048576 (default: ${DEFAULT-VALUE}).")
  long window;

  @Option(
      names = "--payload",
      paramLabel = "CHARS",
      defaultValue = "64",
      description = "Payload characters (default: ${DEFAULT-VALUE}).")
  int payload;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      description = "Untimed round trips or messages first (default: a tenth of --n).")
  Long warmup;

  @Option(
      names = "--high-water",
      defaultValue = "1048576",
      paramLabel = "BYTES",
      description = "oneway: wait for the queue to drain above this (default: ${DEFAULT-VALUE}).")
  long highWater;

  @Option(
      names = "--stall",
      paramLabel = "DURATION",
      defaultValue = "15s",
      converter = DurationConverter.class,
      description = "Fail when nothing progresses this long (default: ${DEFAULT-VALUE}).")
  Duration stall;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "10m",
      converter = DurationConverter.class,
      description = "Fail when the whole run takes longer (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--json", description = "Print one JSON line instead of the table.")
  boolean json;

  @Mixin PeerOptions peer;

  @Mixin TlsFlags.Client tls;

  @Spec CommandSpec spec;

  private volatile Phase current;

  @Override
  public Integer call() {
    checkSettings();
    long warm = warmup != null ? warmup : n / 10;
    IpcConfig config = config();
    Endpoint endpoint = peer.endpoint(target, config, false);
    BenchReport report =
        new BenchReport(target, mode, n, window, payload, warm, config.profile().nodeName());
    PrintWriter display = System.console() != null ? spec.commandLine().getErr() : null;
    Watch watch = new Watch(stall, timeout, display);
    PeerLink link;
    try {
      link = PeerLink.open(endpoint, config, new Dispatcher());
    } catch (UncheckedIOException e) {
      throw new CommandFailure(
          Main.EXIT_CONNECT, FailureText.inContext("cannot bind a local UDP port", e.getCause()));
    }
    try {
      awaitConnected(link, config);
      measure(link, watch, warm, report);
    } catch (CommandFailure failure) {
      Phase failed = current;
      report.failed(
          failure.getMessage(),
          failed == null ? "connect" : failed.name(),
          failed == null ? 0 : failed.progress());
      if (json) {
        print(report.json());
      }
      throw failure;
    } finally {
      current = null;
      link.close();
    }
    print(json ? report.json() : report.table());
    return Main.EXIT_OK;
  }

  /** Runs the harness's phases: probe, warm-up, garbage collection, measurement. */
  private void measure(PeerLink link, Watch watch, long warm, BenchReport report) {
    enter(new RoundTripPhase("probe", link, payload, 1, 1, target.isUdp(), null), watch);
    if (warm > 0) {
      enter(phase("warmup", link, warm, null), watch);
    }
    collectGarbage();
    Histogram latencies = mode.equals("rtt") ? new Histogram(3) : null;
    Phase measure = phase("measure", link, n, latencies == null ? null : latencies::recordValue);
    enter(measure, watch);
    report.measured(measure.nanos(), latencies);
  }

  private void checkSettings() {
    if (!mode.equals("rtt") && !mode.equals("oneway")) {
      throw peer.usage("--mode must be rtt or oneway, not " + mode);
    }
    if (n < 1 || window < 1 || window > 1 << 20 || payload < 1 || highWater < 1) {
      throw peer.usage("--n, --payload and --high-water must be at least 1, --window 1 to 1048576");
    }
    if (warmup != null && warmup < 0) {
      throw peer.usage("--warmup must be 0 or more, not " + warmup);
    }
    if (stall.isZero() || timeout.isZero()) {
      throw peer.usage("--stall and --timeout must be more than 0");
    }
  }

  private IpcConfig config() {
    IpcConfig.Builder builder =
        peer.config(target, tls, false).maxRetries(0).closeTimeout(Duration.ofMillis(500));
    Profile profile = peer.profile(false);
    if (profile == Profile.RAW) {
      throw peer.usage("the bench workloads are events; the raw profile has none");
    }
    if (profile == Profile.ASSURED && peer.allowed.isEmpty()) {
      builder.allowedEvents(Workload.events());
    }
    return peer.build(builder);
  }

  private Phase phase(String name, PeerLink link, long count, LongConsumer latencies) {
    return mode.equals("rtt")
        ? new RoundTripPhase(name, link, payload, count, window, target.isUdp(), latencies)
        : new OneWayPhase(name, link, payload, count, highWater);
  }

  private void enter(Phase phase, Watch watch) {
    current = phase;
    try {
      phase.run(watch);
    } catch (BenchFailure failure) {
      throw new CommandFailure(exitCode(failure.kind()), failure.getMessage());
    }
  }

  private static int exitCode(BenchFailure.Kind kind) {
    return switch (kind) {
      case FAILED -> Main.EXIT_FAILED;
      case TIMED_OUT -> Main.EXIT_TIMEOUT;
      case WRONG_REPLY -> Main.EXIT_PROTOCOL;
    };
  }

  private void awaitConnected(PeerLink link, IpcConfig config) {
    try {
      link.connected().get(config.connectTimeout().plusSeconds(5).toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new CommandFailure(Main.EXIT_CONNECT, "cannot connect to " + target + " in time");
    } catch (ExecutionException e) {
      throw new CommandFailure(Main.EXIT_CONNECT, FailureText.connectFailure(target, e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailure(Main.EXIT_FAILED, "interrupted while connecting");
    }
  }

  /** Untimed, as the harness's node client does: the measured phase starts with a clean heap. */
  private static void collectGarbage() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
  }

  private void print(String text) {
    PrintWriter out = spec.commandLine().getOut();
    if (text.endsWith(System.lineSeparator())) {
      out.print(text);
    } else {
      out.println(text);
    }
    out.flush();
  }

  /** Hands the link's events to the current phase. */
  private final class Dispatcher implements PeerLink.Listener {
    @Override
    public void event(String type, Object data) {
      Phase phase = current;
      if (phase == null) {
        return;
      }
      switch (type) {
        case "pong" -> phase.pong(data);
        case "done" -> phase.finished(data);
        default -> phase.fail(BenchFailure.Kind.WRONG_REPLY, "unexpected event " + type);
      }
    }

    @Override
    public void error(Throwable failure) {
      Phase phase = current;
      if (phase != null) {
        BenchFailure.Kind kind =
            failure instanceof IpcProtocolException
                ? BenchFailure.Kind.WRONG_REPLY
                : BenchFailure.Kind.FAILED;
        phase.fail(kind, "connection error: " + FailureText.describe(failure));
      }
    }

    @Override
    public void closed() {
      Phase phase = current;
      if (phase != null) {
        phase.fail(BenchFailure.Kind.FAILED, "the server closed the connection");
      }
    }
  }
}
