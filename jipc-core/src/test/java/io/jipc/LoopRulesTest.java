package io.jipc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.testing.JipcThreads;
import io.jipc.testing.TempEndpoints;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rules of the I/O loops as a user meets them: a handler that holds a loop too long is reported
 * once per event type; waiting for a jipc future on a loop thread fails fast instead of
 * deadlocking; and the threads do not grow with the number of connections.
 */
class LoopRulesTest {
  private final TempEndpoints endpoints = new TempEndpoints();
  private final Deque<AutoCloseable> open = new ArrayDeque<>();

  @AfterEach
  void closeAll() throws Exception {
    while (!open.isEmpty()) {
      open.pop().close();
    }
    endpoints.close();
  }

  private <T extends AutoCloseable> T closeLater(T resource) {
    open.push(resource);
    return resource;
  }

  private IpcConfig.Builder config() {
    return IpcConfig.builder().socketRoot(endpoints.dir()).closeTimeout(Duration.ofMillis(500));
  }

  /** Holds the calling thread for {@code millis}, as a handler blocked on I/O would. */
  private static void hold(long millis) {
    try {
      new CountDownLatch(1).await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aHandlerThatHoldsTheLoopIsReportedOncePerEventTypeWhileItRuns() throws Exception {
    BlockingQueue<String> log = new LinkedBlockingQueue<>();
    IpcServer server =
        closeLater(IpcServer.create(endpoints.unix(), config().logger(log::add).build()));
    CountDownLatch handled = new CountDownLatch(3);
    server.on(
        "slow",
        () -> {
          hold(400);
          handled.countDown();
        });
    server.on("fast", handled::countDown);
    server.start();
    IpcClient client = closeLater(IpcClient.create(server.endpoint(), config().build()));
    client.connect().get(5, TimeUnit.SECONDS);
    client.emit("slow");
    client.emit("slow");
    client.emit("fast");
    assertThat(handled.await(10, TimeUnit.SECONDS)).isTrue();

    List<String> reports = new ArrayList<>();
    for (String line; (line = log.poll(200, TimeUnit.MILLISECONDS)) != null; ) {
      if (line.contains("has held I/O loop")) {
        reports.add(line);
      }
    }
    assertThat(reports).as("one report for the slow type, none for the fast one").hasSize(1);
    assertThat(reports.get(0))
        .contains("a handler for \"slow\"", server.endpoint().toString(), "jipc-loop-")
        .containsPattern("for [1-4]\\d\\d ms")
        .contains("handlerExecutor")
        .as("the loop's stack, taken while the handler held it")
        .contains("LoopRulesTest");
  }

  @Test
  void anInterruptFlagAHandlerLeavesSetIsClearedBeforeTheNextHandler() throws Exception {
    IpcServer server = closeLater(IpcServer.create(endpoints.unix(), config().build()));
    BlockingQueue<Boolean> interrupted = new LinkedBlockingQueue<>();
    server.on("careless", () -> Thread.currentThread().interrupt());
    server.on("next", () -> interrupted.add(Thread.currentThread().isInterrupted()));
    server.start();
    IpcClient first = closeLater(IpcClient.create(server.endpoint(), config().build()));
    IpcClient second = closeLater(IpcClient.create(server.endpoint(), config().build()));
    first.connect().get(5, TimeUnit.SECONDS);
    second.connect().get(5, TimeUnit.SECONDS);
    first.emit("careless");
    first.emit("next");
    second.emit("next");
    assertThat(interrupted.poll(10, TimeUnit.SECONDS)).as("same socket").isFalse();
    assertThat(interrupted.poll(10, TimeUnit.SECONDS)).as("another socket").isFalse();
  }

  @Test
  void waitingForAConnectOnALoopThreadFailsFastInsteadOfDeadlocking() throws Exception {
    IpcServer server = closeLater(IpcServer.create(endpoints.unix(), config().build()));
    IpcServer other = closeLater(IpcServer.create(endpoints.unix(), config().build()));
    other.start();
    CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    server.on(
        "connect",
        () -> {
          IpcClient nested = IpcClient.create(other.endpoint(), config().build());
          try {
            nested.connect().get(5, TimeUnit.SECONDS);
            outcome.complete(null);
          } catch (Exception | Error e) {
            outcome.complete(e);
          } finally {
            nested.close(); // from a handler: starts the close, does not wait
          }
        });
    server.start();
    IpcClient client = closeLater(IpcClient.create(server.endpoint(), config().build()));
    long start = System.nanoTime();
    client.connect().get(5, TimeUnit.SECONDS);
    assertThat(outcome.get(10, TimeUnit.SECONDS))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("connect() of the client of " + other.endpoint())
        .hasMessageContaining("I/O loop thread jipc-loop-");
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
        .as("failed fast, not after the 5 s the handler was willing to wait")
        .isLessThan(4000);
  }

  @Test
  void anEndpointStartedFromADaemonThreadStillKeepsTheJvmAlive() throws Exception {
    IpcServer server = closeLater(IpcServer.create(endpoints.unix(), config().build()));
    CompletableFuture<Void> started = new CompletableFuture<>();
    Thread daemon =
        new Thread(
            () -> {
              try {
                server.start();
                started.complete(null);
              } catch (Exception e) {
                started.completeExceptionally(e);
              }
            },
            "test-daemon-starter");
    daemon.setDaemon(true);
    daemon.start();
    started.get(10, TimeUnit.SECONDS);
    List<Thread> keepers =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.isAlive() && t.getName().equals("jipc-keepalive"))
            .toList();
    assertThat(keepers).as("the keep-alive thread").hasSize(1);
    assertThat(keepers.get(0).isDaemon()).as("it keeps the JVM alive").isFalse();
  }

  @Test
  void threadsDoNotGrowWithConnections() throws Exception {
    int before = JipcThreads.names().size();
    IpcServer server =
        closeLater(IpcServer.create(endpoints.unix(), config().maxConnections(500).build()));
    server.on("hello", (data, socket) -> socket.emit("hi"));
    server.start();
    List<IpcClient> clients = new ArrayList<>();
    BlockingQueue<Boolean> answered = new LinkedBlockingQueue<>();
    for (int i = 0; i < 300; i++) {
      IpcClient client = closeLater(IpcClient.create(server.endpoint(), config().build()));
      client.on("hi", () -> answered.add(true));
      client.on("connect", () -> client.emit("hello"));
      client.connect();
      clients.add(client);
    }
    for (int i = 0; i < 300; i++) {
      assertThat(answered.poll(10, TimeUnit.SECONDS)).as("answer %s of 300", i).isNotNull();
    }
    assertThat(server.sockets()).hasSize(300);
    List<String> threads = JipcThreads.names();
    assertThat(threads.size())
        .as("jipc threads with 300 clients and 300 sockets in one JVM: %s", threads)
        .isLessThanOrEqualTo(Math.max(before, 1) + 2);
  }
}
