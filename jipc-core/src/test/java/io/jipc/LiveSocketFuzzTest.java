package io.jipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.jipc.testing.ByteMutator;
import io.jipc.testing.JipcThreads;
import io.jipc.testing.ScriptedPeer;
import io.jipc.testing.TempEndpoints;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Map;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Fuzzes a live server over every stream transport: raw peers connect one after another, send a
 * {@link ByteMutator} stream (in one to four writes, sometimes with an oversize tail), and then
 * close at once, stop mid-stream, half-close and wait for the server to close, or linger. The
 * server has small limits (8 KiB frames, 500 ms message timeout, 64 connections) and one healthy
 * client.
 *
 * <p>Throughout, the healthy client gets an answer to a ping every {@link #PING_EVERY} peers and is
 * never disconnected; no {@code error} carries a {@link RuntimeException} or an {@link Error} (a
 * defect the reader loop contained); no thread dies (the auto-registered {@code
 * UncaughtExceptionGuard}). At the end the server holds only the healthy socket again, still
 * accepts a new client, and the heap in use after a GC is under {@link #HEAP_BOUND}. Errors are
 * expected and only counted, by code.
 *
 * <p>A second run keeps thousands of fuzzed peers connected at once ({@code -Djipc.fuzz.crowd=N},
 * default 2,000; a quarter of it over TLS, whose handshakes the test pays for too): the server's
 * threads do not grow with them, the healthy client is answered throughout, and all of them are
 * gone again after they close.
 *
 * <p>Budget: {@code -Djipc.fuzz.connections=N} peers per run (default 300), {@code
 * -Djipc.fuzz.seed=S}; a failure names the peer and its stream in hex.
 */
@ParameterizedClass(name = "[{0}]")
@EnumSource(StreamTransport.class)
class LiveSocketFuzzTest {
  static final long SEED = Long.decode(System.getProperty("jipc.fuzz.seed", "0x6a697063"));
  static final int CONNECTIONS = Integer.getInteger("jipc.fuzz.connections", 300);
  static final int CROWD = Integer.getInteger("jipc.fuzz.crowd", 2000);
  static final int PING_EVERY = 10;
  static final int MAX_LINGERING = 12;
  static final Duration WAIT = Duration.ofSeconds(10);
  static final long HEAP_BOUND = 256L * 1024 * 1024;

  @Parameter StreamTransport transport;

  private final TempEndpoints endpoints = new TempEndpoints();
  private final Deque<AutoCloseable> resources = new ArrayDeque<>();

  @Test
  @Timeout(value = 6, unit = TimeUnit.HOURS) // the run enforces its own deadline, scaled by budget
  void guardedServerSurvivesFuzzedPeers() throws Exception {
    fuzz(Profile.GUARDED, CONNECTIONS);
  }

  @Test
  @Timeout(value = 6, unit = TimeUnit.HOURS)
  void fastServerSurvivesFuzzedPeers() throws Exception {
    fuzz(Profile.FAST, Math.max(1, CONNECTIONS / 2));
  }

  @Test
  @Timeout(value = 6, unit = TimeUnit.HOURS)
  void guardedServerSurvivesThousandsOfConnectedFuzzedPeers() throws Exception {
    int crowd = transport == StreamTransport.TLS ? Math.max(1, CROWD / 4) : CROWD;
    IpcConfig.Builder config = fuzzConfig(Profile.GUARDED).maxConnections(crowd + 16);
    Observed seen = new Observed();
    IpcServer server = startFuzzedServer(config, seen);
    IpcClient client = healthyClient(server, config, seen);
    int threadsBefore = JipcThreads.names().size();
    long started = System.nanoTime();
    Deque<StreamTransport.Silent> peers = new ArrayDeque<>();
    try {
      ByteMutator mutator = ByteMutator.forFrames(16 * 1024);
      for (int c = 0; c < crowd; c++) {
        SplittableRandom random = ByteMutator.random(SEED, 1_000_000 + c);
        StreamTransport.Silent peer = transport.connectSilent(server.endpoint());
        peers.add(peer);
        try {
          write(peer, mutator.next(random));
        } catch (IOException e) {
          seen.writeFailures++; // the server closed it first, after an error: expected
        }
        if (c % 200 == 0) {
          assertAnswers(client, c, seen);
        }
      }
      assertAnswers(client, crowd, seen);
      awaitMessageTimeouts(seen); // the peers that stopped mid-frame are closed by their timers
      assertThat(JipcThreads.names().size())
          .as("jipc threads with %s peers connected", crowd)
          .isLessThanOrEqualTo(threadsBefore + 1);
    } finally {
      for (StreamTransport.Silent peer : peers) {
        peer.close();
      }
    }
    awaitOnlyHealthySocket(server, seen);
    assertThat(seen.defects).as("errors that are defects, or reach the healthy client").isEmpty();
    assertThat(seen.clientDisconnects).as("healthy client disconnects").hasValue(0);
    assertStillAccepts(server, config, seen);
    report(Profile.GUARDED, crowd + " at once", seen, started);
  }

  private static void awaitMessageTimeouts(Observed seen) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!seen.errors.containsKey(IpcProtocolException.MESSAGE_TIMEOUT)
        && System.nanoTime() < deadline) {
      seen.socketsChanged.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
    }
    assertThat(seen.errorCounts()).containsKey(IpcProtocolException.MESSAGE_TIMEOUT);
  }

  /** Writes all of {@code bytes} to a peer the test never reads from. */
  private static void write(StreamTransport.Silent peer, byte[] bytes) throws IOException {
    if (peer.connection() instanceof SocketChannel channel) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    } else {
      OutputStream out = ((Socket) peer.connection()).getOutputStream();
      out.write(bytes);
      out.flush();
    }
  }

  /**
   * Found by the fuzzer over TLS: frames a peer writes right before it closes are all dispatched,
   * and its close is no error, as over Unix sockets and TCP. (Over TLS the server's reply to the
   * peer's close_notify fails against the closed socket, and that IOException escapes the read that
   * held the last frames, dropping them.)
   */
  @Test
  void framesWrittenRightBeforeThePeerClosesAreAllDispatched() throws Exception {
    IpcConfig.Builder config =
        transport.configure(IpcConfig.builder().socketRoot(endpoints.dir()).silent(true));
    IpcServer server = closeLater(IpcServer.create(transport.fresh(endpoints), config.build()));
    LongAdder dispatched = new LongAdder();
    Queue<Object> errors = new ConcurrentLinkedQueue<>();
    BlockingQueue<Boolean> closed = new LinkedBlockingQueue<>();
    server.on("m", (data, socket) -> dispatched.increment());
    server.on("error", (data, socket) -> errors.add(data));
    server.on("close", (data, socket) -> closed.add(true));
    server.start();
    for (int peer = 0; peer < 20; peer++) {
      try (ScriptedPeer raw = transport.connectPeer(server.endpoint())) {
        raw.send("{\"type\":\"m\",\"data\":1}\f".repeat(5));
      }
      assertThat(closed.poll(WAIT.toNanos(), TimeUnit.NANOSECONDS))
          .as("close of peer %s", peer)
          .isNotNull();
    }
    assertThat(dispatched.sum()).as("frames dispatched of 100; errors %s", errors).isEqualTo(100);
    assertThat(errors).as("errors").isEmpty();
  }

  /** What the server reported, and what the run saw; filled by handler threads. */
  private static final class Observed {
    final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    final Map<String, String> samples = new ConcurrentHashMap<>();
    final Queue<String> defects = new ConcurrentLinkedQueue<>();
    final BlockingQueue<Boolean> socketsChanged = new LinkedBlockingQueue<>();
    final BlockingQueue<Object> pongs = new LinkedBlockingQueue<>();
    final AtomicInteger clientDisconnects = new AtomicInteger();
    final LongAdder events = new LongAdder();
    int refused;
    int writeFailures;

    void error(Object data) {
      String key =
          data instanceof IpcProtocolException e
              ? e.code()
              : data instanceof Throwable t ? t.getClass().getSimpleName() : "wire:error";
      errors.computeIfAbsent(key, k -> new LongAdder()).increment();
      if (!(data instanceof IpcProtocolException) && data instanceof Throwable t) {
        samples.putIfAbsent(key, String.valueOf(t.getMessage()));
      }
      if (data instanceof RuntimeException || data instanceof Error) {
        defects.add(String.valueOf(data));
      }
      socketsChanged.offer(true);
    }

    Map<String, Long> errorCounts() {
      Map<String, Long> counts = new TreeMap<>();
      errors.forEach((code, n) -> counts.put(code, n.sum()));
      return counts;
    }
  }

  private IpcConfig.Builder fuzzConfig(Profile profile) {
    return transport.configure(
        IpcConfig.builder()
            .socketRoot(endpoints.dir())
            .profile(profile)
            .maxMessageSize(8 * 1024)
            .messageTimeout(Duration.ofMillis(500))
            .maxConnections(64)
            .closeTimeout(Duration.ofMillis(500))
            .connectTimeout(Duration.ofSeconds(3))
            .maxRetries(0)
            .silent(true));
  }

  private IpcServer startFuzzedServer(IpcConfig.Builder config, Observed seen) throws Exception {
    IpcServer server = closeLater(IpcServer.create(transport.fresh(endpoints), config.build()));
    server.on("error", (data, socket) -> seen.error(data));
    server.on("close", (data, socket) -> seen.socketsChanged.offer(true));
    server.on("health.ping", (data, socket) -> socket.emit("health.pong", data));
    server.on("*", (type, data, socket) -> seen.events.increment());
    server.start();
    return server;
  }

  private IpcClient healthyClient(IpcServer server, IpcConfig.Builder config, Observed seen)
      throws Exception {
    IpcClient client = closeLater(IpcClient.create(server.endpoint(), config.build()));
    client.on("health.pong", data -> seen.pongs.add(data));
    client.on("disconnect", () -> seen.clientDisconnects.incrementAndGet());
    client.on("error", data -> seen.defects.add("healthy client: " + data));
    client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    return client;
  }

  private void fuzz(Profile profile, int connections) throws Exception {
    IpcConfig.Builder config = fuzzConfig(profile);
    Observed seen = new Observed();
    IpcServer server = startFuzzedServer(config, seen);
    IpcClient client = healthyClient(server, config, seen);

    long started = System.nanoTime();
    Duration deadline = Duration.ofSeconds(60).plusMillis(connections * 300L);
    assertTimeoutPreemptively(
        deadline, () -> sendAll(server, client, seen, connections, profile == Profile.GUARDED));
    awaitOnlyHealthySocket(server, seen);
    assertThat(seen.defects).as("errors that are defects, or reach the healthy client").isEmpty();
    assertThat(seen.clientDisconnects).as("healthy client disconnects").hasValue(0);
    assertStillAccepts(server, config, seen);
    report(profile, Integer.toString(connections), seen, started);
  }

  /** Prints the run's summary and checks the heap in use after a GC. */
  private void report(Profile profile, String connections, Observed seen, long started) {
    System.gc();
    Runtime heap = Runtime.getRuntime();
    long used = heap.totalMemory() - heap.freeMemory();
    System.out.printf(
        "LiveSocketFuzzTest summary [%s %s]: seed=0x%x connections=%s errors=%s refused=%d"
            + " writeFailures=%d events=%d heapAfterGc=%d MiB seconds=%.1f; other errors, e.g. %s%n",
        transport,
        profile.nodeName(),
        SEED,
        connections,
        seen.errorCounts(),
        seen.refused,
        seen.writeFailures,
        seen.events.sum(),
        used >> 20,
        (System.nanoTime() - started) / 1e9,
        new TreeMap<>(seen.samples));
    assertThat(used).as("heap in use after GC").isLessThan(HEAP_BOUND);
  }

  /** A peer left open; {@code partial} if what it sent ends inside a frame. */
  private record Lingering(ScriptedPeer peer, boolean partial) {}

  private void sendAll(
      IpcServer server, IpcClient client, Observed seen, int connections, boolean timesOut)
      throws Exception {
    ByteMutator mutator = ByteMutator.forFrames(16 * 1024);
    Deque<Lingering> lingering = new ArrayDeque<>();
    for (int c = 0; c < connections; c++) {
      SplittableRandom random = ByteMutator.random(SEED, c);
      byte[] stream = mutator.next(random);
      if (random.nextInt(20) == 0) {
        stream = Arrays.copyOf(stream, stream.length + 9000); // an oversize unterminated tail
      }
      try {
        Lingering peer = peer(server, random, stream, seen);
        if (peer != null) {
          lingering.add(peer);
        }
        while (lingering.size() > MAX_LINGERING) {
          lingering.remove().peer().close();
        }
        if (c % PING_EVERY == 0) {
          assertAnswers(client, c, seen);
        }
        if (c == connections / 2) {
          crowd(server, client, seen);
        }
      } catch (AssertionError e) {
        String context =
            String.format(
                "after fuzz peer #%d (seed 0x%x, %s), whose stream was %s: ",
                c, SEED, transport, ByteMutator.hex(stream, 512));
        throw new AssertionError(context + e.getMessage(), e);
      }
    }
    for (Lingering peer : lingering) {
      if (timesOut && peer.partial()) {
        peer.peer().readToEof(WAIT); // closed by messageTimeout, if not by an error before
      }
      peer.peer().close();
    }
    assertAnswers(client, connections, seen);
  }

  /**
   * Opens more idle peers than {@code maxConnections} allows: the server holds at most its limit,
   * refuses the rest, and still answers the healthy client.
   */
  private void crowd(IpcServer server, IpcClient client, Observed seen) throws Exception {
    int max = server.config().limits().maxConnections();
    Deque<ScriptedPeer> crowd = new ArrayDeque<>();
    try {
      for (int k = 0; k < max + 6; k++) {
        try {
          crowd.add(transport.connectPeer(server.endpoint()));
        } catch (IOException e) {
          seen.refused++;
        }
        assertThat(server.sockets().size()).as("sockets held").isLessThanOrEqualTo(max);
      }
      assertAnswers(client, -2, seen);
    } finally {
      for (ScriptedPeer peer : crowd) {
        peer.close();
      }
    }
  }

  /** Runs one fuzz peer; returns it if it should linger, else closes it and returns null. */
  private Lingering peer(IpcServer server, SplittableRandom random, byte[] stream, Observed seen)
      throws IOException {
    ScriptedPeer peer;
    try {
      peer = transport.connectPeer(server.endpoint());
    } catch (IOException e) {
      seen.refused++; // maxConnections reached: the server closes on accept (TLS: mid-handshake)
      return null;
    }
    int ending = random.nextInt(10);
    int length = ending == 9 ? random.nextInt(stream.length + 1) : stream.length;
    try {
      int from = 0;
      for (int writes = random.nextInt(1, 5); writes > 0 && from < length; writes--) {
        int n = writes == 1 ? length - from : random.nextInt(1, length - from + 1);
        peer.send(Arrays.copyOfRange(stream, from, from + n));
        from += n;
      }
      if (ending == 8) {
        return new Lingering(peer, length > 0 && stream[length - 1] != ByteMutator.DELIMITER);
      }
      if (ending >= 6 && ending < 8) {
        peer.shutdownOutput();
        peer.readToEof(WAIT); // the server must close a half-closed connection
      }
    } catch (IOException | UnsupportedOperationException e) {
      seen.writeFailures++; // the server closed first, after an error: expected
    }
    peer.close();
    return null;
  }

  private static void assertAnswers(IpcClient client, int n, Observed seen) throws Exception {
    assertThat(client.emit("health.ping", n)).as("healthy client can send ping %s", n).isTrue();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      Object pong = seen.pongs.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      assertThat(pong).as("pong %s to the healthy client within %s", n, WAIT).isNotNull();
      if (Long.valueOf(n).equals(pong)) {
        return;
      }
    }
  }

  private static void awaitOnlyHealthySocket(IpcServer server, Observed seen) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (server.sockets().size() > 1) {
      long left = deadline - System.nanoTime();
      assertThat(left).as("server sockets within %s: %s", WAIT, server.sockets()).isPositive();
      seen.socketsChanged.poll(left, TimeUnit.NANOSECONDS);
    }
    assertThat(server.sockets()).hasSize(1);
  }

  private void assertStillAccepts(IpcServer server, IpcConfig.Builder config, Observed seen)
      throws Exception {
    IpcClient late = closeLater(IpcClient.create(server.endpoint(), config.build()));
    late.on("health.pong", data -> seen.pongs.add(data));
    late.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertAnswers(late, -1, seen);
  }

  private <T extends AutoCloseable> T closeLater(T resource) {
    resources.push(resource);
    return resource;
  }

  @AfterEach
  void closeEverything() throws Exception {
    Exception first = null;
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        first = first == null ? e : first;
      }
    }
    endpoints.close();
    if (first != null) {
      throw first;
    }
  }
}
