package io.jipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jipc.testing.EventRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code handlerExecutor}: handlers run on the given executor, one at a time and in wire order per
 * socket, so a handler that blocks holds up only its own socket; a socket whose handlers fall
 * behind stops reading (the peer feels it as backpressure) and loses nothing.
 */
class HandlerExecutorContractTest extends StreamContract {
  private final AtomicInteger threads = new AtomicInteger();
  private final ExecutorService executor =
      Executors.newFixedThreadPool(
          4, task -> new Thread(task, "test-handler-" + threads.incrementAndGet()));

  /** Stops the executor after everything else: the endpoints' last events run on it. */
  @BeforeEach
  void stopExecutorLast() {
    closeLater(
        () -> {
          executor.shutdownNow();
          assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        });
  }

  @Test
  void handlersRunOnTheExecutorInWireOrderPerSocket() throws Exception {
    Map<String, List<Long>> seen = new ConcurrentHashMap<>();
    List<String> handlerThreads = new CopyOnWriteArrayList<>();
    CountDownLatch all = new CountDownLatch(2 * 500);
    IpcServer server = startServer(config().handlerExecutor(executor));
    server.on(
        "n",
        (data, socket) -> {
          seen.computeIfAbsent(socket.id(), id -> new ArrayList<>()).add((Long) data);
          handlerThreads.add(Thread.currentThread().getName());
          all.countDown();
        });
    Client a = connectClient(server, config());
    Client b = connectClient(server, config());
    for (long i = 0; i < 500; i++) {
      assertThat(a.ipc().emit("n", i)).isTrue();
      assertThat(b.ipc().emit("n", i)).isTrue();
    }
    assertThat(all.await(10, TimeUnit.SECONDS)).as("all 1000 events handled").isTrue();
    List<Long> inOrder = new ArrayList<>();
    for (long i = 0; i < 500; i++) {
      inOrder.add(i);
    }
    assertThat(seen.get(a.socket().id())).isEqualTo(inOrder);
    assertThat(seen.get(b.socket().id())).isEqualTo(inOrder);
    assertThat(handlerThreads).allMatch(name -> name.startsWith("test-handler-"));
  }

  @Test
  void lifecycleEventsRunOnTheExecutorToo() throws Exception {
    List<String> where = new CopyOnWriteArrayList<>();
    CountDownLatch closed = new CountDownLatch(1);
    IpcServer server = startServer(config().handlerExecutor(executor));
    server.on("connect", () -> where.add("connect " + Thread.currentThread().getName()));
    server.on(
        "close",
        () -> {
          where.add("close " + Thread.currentThread().getName());
          closed.countDown();
        });
    Client client = connectClient(server, config());
    client.ipc().close();
    assertSocketGone(client.socket());
    assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(where).hasSize(2);
    assertThat(where.get(0)).startsWith("connect test-handler-");
    assertThat(where.get(1)).startsWith("close test-handler-");
  }

  /**
   * A client's connect future completes after its connect handlers; waiting for it in one of them,
   * on the executor, would wait for itself, so it fails fast instead.
   */
  @Test
  void waitingForItsOwnConnectInAHandlerOnTheExecutorFailsFast() throws Exception {
    IpcServer server = startServer(config());
    CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    IpcClient client =
        newClient(server.endpoint(), config().handlerExecutor(executor), new EventRecorder());
    client.on(
        "connect",
        () -> {
          try {
            client.connect().get(5, TimeUnit.SECONDS);
            outcome.complete(null);
          } catch (Exception | Error e) {
            outcome.complete(e);
          }
        });
    client.connect().get(10, TimeUnit.SECONDS);
    assertThat(outcome.get(10, TimeUnit.SECONDS))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("completes after the handler running on this thread");
  }

  /**
   * messageTimeout measures the peer, not this side: while a socket's reading is paused because its
   * handlers fell behind, a frame left half-read does not time out.
   */
  @Test
  void aPausedSocketIsNotFailedByMessageTimeout() throws Exception {
    int frames = 30_000; // about 30 MB: more than loopback's socket buffers hold
    String pad = "y".repeat(1000);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch all = new CountDownLatch(frames);
    List<Object> errors = new CopyOnWriteArrayList<>();
    IpcServer server =
        closeLater(
            IpcServer.create(
                transport.fresh(endpoints),
                build(
                    config()
                        .handlerExecutor(executor)
                        .maxPendingBytes(64 * 1024)
                        .messageTimeout(ms(300)))));
    server.on(
        "m",
        (data, socket) -> {
          hold(release);
          all.countDown();
        });
    server.on("error", (data, socket) -> errors.add(data));
    server.start();
    IpcClient client = connectRoomyClient(server);
    for (int i = 0; i < frames; i++) {
      assertThat(client.emit("m", pad)).isTrue();
    }
    CompletableFuture<Void> flushed = client.flush();
    assertThatThrownBy(() -> flushed.get(1000, TimeUnit.MILLISECONDS))
        .as("paused for longer than messageTimeout")
        .isInstanceOf(TimeoutException.class);
    release.countDown();
    assertThat(all.await(30, TimeUnit.SECONDS)).as("every frame handled").isTrue();
    assertThat(errors).as("no message timeout while paused").isEmpty();
  }

  @Test
  void aBlockingHandlerHoldsUpOnlyItsOwnSocket() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    IpcServer server = startServer(config().handlerExecutor(executor).ioThreads(1));
    server.on(
        "block",
        (data, socket) -> {
          hold(release);
          socket.emit("unblocked");
        });
    server.on("ping", (data, socket) -> socket.emit("pong", data));
    Client blocked = connectClient(server, config());
    Client other = connectClient(server, config());
    blocked.ipc().emit("block");
    serverEvents.next("server", "block");
    other.ipc().emit("ping", "through");
    assertThat(other.events().next("client", "pong").data())
        .as("answered while the other socket's handler blocks, on the same loop")
        .isEqualTo("through");
    release.countDown();
    blocked.events().next("client", "unblocked");
  }

  @Test
  void aSocketWhoseHandlersFallBehindStopsReadingAndLosesNothing() throws Exception {
    int frames = 40_000; // about 22 MB: more than loopback's socket buffers hold
    String pad = "x".repeat(512);
    CountDownLatch release = new CountDownLatch(1);
    List<Long> received = new CopyOnWriteArrayList<>();
    List<Object> errors = new CopyOnWriteArrayList<>();
    CountDownLatch all = new CountDownLatch(frames);
    IpcServer server =
        closeLater(
            IpcServer.create(
                transport.fresh(endpoints),
                build(config().handlerExecutor(executor).maxPendingBytes(256 * 1024))));
    server.on(
        "m",
        (data, socket) -> {
          hold(release);
          received.add(((Number) ((Map<?, ?>) data).get("n")).longValue());
          all.countDown();
        });
    server.on("error", (data, socket) -> errors.add(data));
    server.start();
    IpcClient client = connectRoomyClient(server);
    for (int i = 0; i < frames; i++) {
      assertThat(client.emit("m", Map.of("n", (long) i, "pad", pad))).isTrue();
    }
    CompletableFuture<Void> flushed = client.flush();
    assertThatThrownBy(() -> flushed.get(QUIET.toMillis(), TimeUnit.MILLISECONDS))
        .as("the server stopped reading while its handler blocks, so the client cannot flush")
        .isInstanceOf(TimeoutException.class);
    release.countDown();
    flushed.get(30, TimeUnit.SECONDS);
    assertThat(all.await(30, TimeUnit.SECONDS)).as("every frame handled").isTrue();
    for (int i = 0; i < frames; i++) {
      if (received.get(i) != i) {
        throw new AssertionError("frame " + i + " arrived as " + received.get(i));
      }
    }
    assertThat(errors).isEmpty();
  }

  /** Blocks a handler until the test releases it, at most 10 s. */
  private static void hold(CountDownLatch release) {
    try {
      release.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Connects a client that may queue 64 MiB, enough to outlast any socket buffer. */
  private IpcClient connectRoomyClient(IpcServer server) throws Exception {
    IpcClient client =
        closeLater(IpcClient.create(server.endpoint(), build(config().maxPendingBytes(64 << 20))));
    client.connect().get(5, TimeUnit.SECONDS);
    return client;
  }
}
