package io.jipc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.testing.EventRecorder;
import io.jipc.testing.ScriptedPeer;
import io.jipc.testing.TempEndpoints;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A {@code connect} handler can already emit, flush and close, and even an {@link Error} thrown by
 * a handler leaves the socket's lifecycle events intact.
 */
class ConnectHandlerTest {
  private final TempEndpoints endpoints = new TempEndpoints();
  private final EventRecorder events = new EventRecorder();
  private IpcServer server;
  private ScriptedPeer peer;

  private IpcConfig config(long closeTimeoutMs) {
    return IpcConfig.builder()
        .socketRoot(endpoints.dir())
        .closeTimeout(Duration.ofMillis(closeTimeoutMs))
        .build();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (peer != null) {
      peer.close();
    }
    if (server != null) {
      server.close();
    }
    endpoints.close();
  }

  /**
   * A connect handler may flush: the future completes once the frame reached the system. Waiting
   * for it there would stop the loop that completes it, so get() fails fast with advice instead.
   */
  @Test
  void flushInsideServerConnectHandlerCompletesAndRefusesToBlockTheLoop() throws Exception {
    server = IpcServer.create(endpoints.unix(), config(500));
    CompletableFuture<String> flushed = new CompletableFuture<>();
    CompletableFuture<Throwable> refusal = new CompletableFuture<>();
    server.on(
        "connect",
        (data, socket) -> {
          socket.emit("hello", 1);
          CompletableFuture<Void> flush = socket.flush();
          flush.thenRun(() -> flushed.complete("flushed"));
          try {
            flush.get(3, TimeUnit.SECONDS);
            refusal.complete(null);
          } catch (IllegalStateException e) {
            refusal.complete(e);
          }
        });
    server.start();
    peer = ScriptedPeer.connect(server.endpoint());
    assertThat(flushed.get(10, TimeUnit.SECONDS)).isEqualTo("flushed");
    assertThat(refusal.get(10, TimeUnit.SECONDS))
        .as("get() on the loop that completes it")
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("I/O loop thread")
        .hasMessageContaining("thenAccept or whenComplete");
    assertThat(peer.readFrame(Duration.ofSeconds(5))).isEqualTo("{\"type\":\"hello\",\"data\":1}");
  }

  /** server.close() from a connect handler waits closeTimeout + 1 s for its own socket. */
  @Test
  void serverCloseFromConnectHandlerDoesNotWaitForItsOwnSocket() throws Exception {
    server = IpcServer.create(endpoints.unix(), config(5000));
    CompletableFuture<Long> tookMs = new CompletableFuture<>();
    IpcServer s = server;
    server.on(
        "connect",
        (data, socket) -> {
          long t0 = System.nanoTime();
          s.close();
          tookMs.complete(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        });
    server.start();
    peer = ScriptedPeer.connect(server.endpoint());
    assertThat(tookMs.get(20, TimeUnit.SECONDS))
        .as("ms that close() took inside the connect handler (closeTimeout is 5000)")
        .isLessThan(2000L);
  }

  /** An Error from a handler skips socket.disconnected/close and leaks the socket slot. */
  @Test
  void errorThrownByHandlerStillEndsTheSocketWithItsEvents() throws Exception {
    BlockingQueue<String> log = new LinkedBlockingQueue<>();
    IpcConfig config =
        IpcConfig.builder()
            .socketRoot(endpoints.dir())
            .closeTimeout(Duration.ofMillis(500))
            .logger(log::add)
            .build();
    server = IpcServer.create(endpoints.unix(), config);
    server.on(
        "boom",
        (data, socket) -> {
          throw new Error("handler bug");
        });
    server.on(
        "socket.disconnected",
        (data, socket) ->
            events.add(new EventRecorder.Event("server", "socket.disconnected", data, socket)));
    server.start();
    peer = ScriptedPeer.connect(server.endpoint());
    peer.send("{\"type\":\"boom\",\"data\":1}\f");
    peer.shutdownOutput(); // the socket must end and report it, however the Error is handled
    EventRecorder.Event gone = events.next();
    assertThat(gone.type()).isEqualTo("socket.disconnected");
    assertThat(server.sockets()).isEmpty();
    assertThat(nextWarning(log)).contains("error with no error handler", "handler bug");
  }

  /** Returns the first log line that is not a routine one (listening, connected, closed). */
  private static String nextWarning(BlockingQueue<String> log) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      String line = log.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      assertThat(line).as("a warning within 20 s").isNotNull();
      if (line.contains("error")) {
        return line;
      }
    }
  }
}
