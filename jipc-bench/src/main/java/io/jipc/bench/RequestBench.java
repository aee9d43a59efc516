package io.jipc.bench;

import io.jipc.Endpoint;
import io.jipc.IpcClient;
import io.jipc.IpcConfig;
import io.jipc.IpcServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cost of a request over a plain round trip, measured in one run: a jipc server in a child JVM
 * answers both {@code on("ping")} with {@code emit("pong")} and {@code onRequest("ping")}; this
 * JVM's client drives each lane closed-loop, with 64 in flight (throughput) and with 1 (latency,
 * p50 and p99), alternating the lanes round after round, over Unix sockets and TCP on loopback.
 *
 * <pre>
 * java -cp jipc-bench/target/jipc-bench.jar io.jipc.bench.RequestBench [--seconds 3] [--rounds 3]
 * taskset -c 0 java -cp … io.jipc.bench.RequestBench --server-cpu 1    # each side on its own CPU
 * </pre>
 *
 * Prints one line per lane and round and, per transport, the medians and the request's overhead.
 */
public final class RequestBench {
  private static final String PAYLOAD = "x".repeat(64);
  private static final int WINDOW = 64;
  private static final long WARMUP_NANOS = TimeUnit.SECONDS.toNanos(2);

  private RequestBench() {}

  /** Runs the bench, or with {@code serve <transport> <addr>}, the child's server. */
  public static void main(String[] args) throws Exception {
    if (args.length == 3 && args[0].equals("serve")) {
      serve(BenchSetup.endpoint(args[1], args[2]));
      return;
    }
    int seconds = intOption(args, "--seconds", 3);
    int rounds = intOption(args, "--rounds", 3);
    int serverCpu = intOption(args, "--server-cpu", -1);
    Path dir = Files.createTempDirectory("jipc-request-bench");
    for (String transport : List.of("unix", "tcp")) {
      String addr =
          transport.equals("unix")
              ? dir.resolve("bench.sock").toString()
              : "127.0.0.1:" + freePort();
      measure(transport, addr, seconds, rounds, serverCpu);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }

  private static int intOption(String[] args, String name, int otherwise) {
    int at = Arrays.asList(args).indexOf(name);
    return at >= 0 && at + 1 < args.length ? Integer.parseInt(args[at + 1]) : otherwise;
  }

  private static void serve(Endpoint endpoint) throws Exception {
    try (IpcServer server = IpcServer.create(endpoint, IpcConfig.builder().silent(true).build())) {
      server.on("ping", (data, socket) -> socket.emit("pong", data));
      server.onRequest("ping", (data, socket) -> data);
      server.start();
      System.out.println("listening " + server.endpoint());
      System.out.flush();
      while (System.in.read() >= 0) {
        // runs until the bench closes the child's stdin
      }
    }
  }

  private static void measure(String transport, String addr, int seconds, int rounds, int serverCpu)
      throws Exception {
    List<String> command = new ArrayList<>();
    if (serverCpu >= 0) {
      command.addAll(List.of("taskset", "-c", Integer.toString(serverCpu)));
    }
    command.addAll(
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            RequestBench.class.getName(),
            "serve",
            transport,
            addr));
    Process child =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      for (int skipped = 0;
          line != null && !line.startsWith("listening ") && skipped < 100;
          skipped++) {
        line = out.readLine(); // what the JVM printed first (a JFR recording's start, say)
      }
      if (line == null || !line.startsWith("listening ")) {
        throw new IOException("the bench server did not start: " + line);
      }
      String bound = line.substring("listening ".length());
      Endpoint endpoint =
          transport.equals("unix")
              ? Endpoint.unix(Path.of(bound))
              : BenchSetup.endpoint("tcp", addr);
      try (IpcClient client =
          IpcClient.create(endpoint, IpcConfig.builder().silent(true).build())) {
        client.connect().get(10, TimeUnit.SECONDS);
        ProcessHandle server = child.toHandle();
        List<Lane> lanes =
            List.of(
                new EmitLane(client, WINDOW, server),
                new RequestLane(client, WINDOW, server),
                new EmitLane(client, 1, server),
                new RequestLane(client, 1, server));
        for (int round = 1; round <= rounds; round++) {
          for (Lane lane : lanes) {
            lane.run(seconds);
            System.out.println(
                transport
                    + " round "
                    + round
                    + " "
                    + lane.describe(lane.results.get(lane.results.size() - 1)));
          }
        }
        report(transport, lanes);
      }
    } finally {
      child.getOutputStream().close();
      if (!child.waitFor(10, TimeUnit.SECONDS)) {
        child.destroyForcibly();
      }
    }
  }

  private static void report(String transport, List<Lane> lanes) {
    Result emit64 = lanes.get(0).median();
    Result request64 = lanes.get(1).median();
    Result emit1 = lanes.get(2).median();
    Result request1 = lanes.get(3).median();
    System.out.printf(
        Locale.ROOT,
        "%s medians: W=64 emit/on %.0f rtt/s, request %.0f/s (%.1f%% fewer);"
            + " CPU per operation at W=64: client %.2f vs %.2f µs (%+.1f%%), server %.2f vs %.2f µs"
            + " (%+.1f%%); W=1 p50 emit/on %.1f µs, request %.1f µs (%+.1f%%), p99 %.1f vs %.1f µs%n",
        transport,
        emit64.perSecond,
        request64.perSecond,
        100 * (1 - request64.perSecond / emit64.perSecond),
        emit64.clientCpuMicros,
        request64.clientCpuMicros,
        100 * (request64.clientCpuMicros / emit64.clientCpuMicros - 1),
        emit64.serverCpuMicros,
        request64.serverCpuMicros,
        100 * (request64.serverCpuMicros / emit64.serverCpuMicros - 1),
        emit1.p50Micros,
        request1.p50Micros,
        100 * (request1.p50Micros / emit1.p50Micros - 1),
        emit1.p99Micros,
        request1.p99Micros);
  }

  /** One measurement of a lane: operations per second, latency, and CPU time per operation. */
  private record Result(
      double perSecond,
      double p50Micros,
      double p99Micros,
      double clientCpuMicros,
      double serverCpuMicros) {}

  /** Returns the CPU time a process has used so far, in nanoseconds. */
  private static long cpuNanos(ProcessHandle process) {
    return process.info().totalCpuDuration().map(d -> d.toNanos()).orElse(0L);
  }

  /**
   * A closed-loop driver: {@code window} operations in flight, each answered one starting the next.
   */
  private abstract static class Lane {
    final IpcClient client;
    final int window;
    final List<Result> results = new ArrayList<>();
    final AtomicLong done = new AtomicLong();
    final AtomicLong inFlight = new AtomicLong();
    volatile boolean running;
    volatile long[] latencies; // W=1: nanos per operation, in the measured window
    volatile int recorded;
    volatile boolean measuring;

    final ProcessHandle server;

    Lane(IpcClient client, int window, ProcessHandle server) {
      this.client = client;
      this.window = window;
      this.server = server;
    }

    abstract String name();

    /** Prepares the lane's handlers before it runs. */
    void start() {}

    /** Removes them once it has run. */
    void stop() {}

    /** Starts one operation; its completion calls {@link #completed(long)}. */
    abstract void fire();

    void completed(long startedAt) {
      long now = System.nanoTime();
      done.incrementAndGet();
      if (measuring && window == 1) {
        long[] slots = latencies;
        int at = recorded;
        if (at < slots.length) {
          slots[at] = now - startedAt;
          recorded = at + 1;
        }
      }
      if (running) {
        fire();
      } else {
        inFlight.decrementAndGet();
      }
    }

    void run(int seconds) throws InterruptedException {
      latencies = new long[window == 1 ? 2_000_000 : 0];
      recorded = 0;
      start();
      running = true;
      inFlight.set(window);
      for (int i = 0; i < window; i++) {
        fire();
      }
      Thread.sleep(
          TimeUnit.NANOSECONDS.toMillis(WARMUP_NANOS)); // a bench's clock, not a test's wait
      long startCount = done.get();
      long start = System.nanoTime();
      long clientCpu = cpuNanos(ProcessHandle.current());
      long serverCpu = cpuNanos(server);
      measuring = true;
      Thread.sleep(seconds * 1000L);
      measuring = false;
      long count = done.get() - startCount;
      long elapsed = System.nanoTime() - start;
      clientCpu = cpuNanos(ProcessHandle.current()) - clientCpu;
      serverCpu = cpuNanos(server) - serverCpu;
      running = false;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (inFlight.get() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      stop();
      double p50 = 0;
      double p99 = 0;
      if (window == 1 && recorded > 0) {
        long[] sorted = Arrays.copyOf(latencies, recorded);
        Arrays.sort(sorted);
        p50 = sorted[sorted.length / 2] / 1000.0;
        p99 = sorted[(int) (sorted.length * 0.99)] / 1000.0;
      }
      results.add(
          new Result(
              count * 1e9 / elapsed, p50, p99, clientCpu / 1e3 / count, serverCpu / 1e3 / count));
    }

    Result median() {
      List<Result> sorted = new ArrayList<>(results);
      sorted.sort((a, b) -> Double.compare(a.perSecond, b.perSecond));
      Result mid = sorted.get(sorted.size() / 2);
      return new Result(
          mid.perSecond,
          median(Result::p50Micros),
          median(Result::p99Micros),
          median(Result::clientCpuMicros),
          median(Result::serverCpuMicros));
    }

    private double median(java.util.function.ToDoubleFunction<Result> field) {
      double[] values = results.stream().mapToDouble(field).sorted().toArray();
      return values[values.length / 2];
    }

    String describe(Result r) {
      return String.format(
          Locale.ROOT,
          "%-8s W=%-2d %9.0f/s  CPU/op client %.2f µs server %.2f µs%s",
          name(),
          window,
          r.perSecond,
          r.clientCpuMicros,
          r.serverCpuMicros,
          window == 1
              ? String.format(Locale.ROOT, "  p50 %.1f µs  p99 %.1f µs", r.p50Micros, r.p99Micros)
              : "");
    }
  }

  /**
   * emit("ping") answered by the server's emit("pong"); the pong handler, registered while the lane
   * runs, starts the next ping. With one in flight it notes when the ping left.
   */
  private static final class EmitLane extends Lane {
    private volatile long sentAt;
    private final IpcClient.Handler onPong = data -> completed(sentAt);

    EmitLane(IpcClient client, int window, ProcessHandle server) {
      super(client, window, server);
    }

    @Override
    String name() {
      return "emit/on";
    }

    @Override
    void start() {
      client.on("pong", onPong);
    }

    @Override
    void stop() {
      client.off("pong", onPong);
    }

    @Override
    void fire() {
      if (window == 1) {
        sentAt = System.nanoTime();
      }
      client.emit("ping", PAYLOAD);
    }
  }

  /** request("ping") answered by the server's onRequest handler. */
  private static final class RequestLane extends Lane {
    RequestLane(IpcClient client, int window, ProcessHandle server) {
      super(client, window, server);
    }

    @Override
    String name() {
      return "request";
    }

    @Override
    void fire() {
      long at = window == 1 ? System.nanoTime() : 0; // the emit lane reads no clock at W=64 either
      client.request("ping", PAYLOAD).thenAccept(answer -> completed(at));
    }
  }
}
