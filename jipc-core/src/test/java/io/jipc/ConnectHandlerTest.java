package io.jipc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.testing.EventRecorder;
import io.jipc.testing.ScriptedPeer;
import io.jipc.testing.TempEndpoints;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A {@code connect} handler can already flush and close (the socket's writer runs before the
 * handlers do), and even an {@link Error} thrown by a handler leaves the socket's lifecycle events
 * intact.
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

  /** flush() inside a connect handler never completes: no writer thread exists yet. */
  @Test
  void flushInsideServerConnectHandlerCompletes() throws Exception {
    server = IpcServer.create(endpoints.unix(), config(500));
    CompletableFuture<String> outcome = new CompletableFuture<>();
    server.on(
        "connect",
        (data, socket) -> {
          socket.emit("hello", 1);
          try {
            socket.flush().get(3, TimeUnit.SECONDS);
            outcome.complete("flushed");
          } catch (TimeoutException e) {
            outcome.complete("flush did not complete within 3 s");
          }
        });
    server.start();
    peer = ScriptedPeer.connect(server.endpoint());
    assertThat(outcome.get(10, TimeUnit.SECONDS)).isEqualTo("flushed");
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
    server = IpcServer.create(endpoints.unix(), config(500));
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
  }
}
