package io.jipc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.testing.EventRecorder;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Closing flushes what was queued, is idempotent, and never hangs on a peer that won't read. */
class GracefulCloseContractTest extends StreamContract {
  private static final String KIB = "k".repeat(1024);

  @Test
  void clientReceivesEveryFrameEmittedBeforeServerClose() throws Exception {
    IpcServer server = startServer(config().closeTimeout(ms(5000)));
    Client client = connectClient(server, config().maxRetries(0));
    int count = 2000;
    for (int i = 0; i < count; i++) {
      assertThat(client.socket().emit("f", i + KIB)).isTrue();
    }
    server.close();
    for (int i = 0; i < count; i++) {
      assertThat(client.events().next("client", "f").data()).isEqualTo(i + KIB);
    }
    client.events().next("client", "disconnect");
    client.events().next("client", "destroy");
    client.events().assertExhausted();
  }

  @Test
  void socketCloseFlushesQueuedFramesFirst() throws Exception {
    IpcServer server = startServer(config().closeTimeout(ms(5000)));
    Client client = connectClient(server, config().maxRetries(0));
    for (int i = 0; i < 500; i++) {
      client.socket().emit("f", i);
    }
    client.socket().close();
    for (long i = 0; i < 500; i++) {
      assertThat(client.events().next("client", "f").data()).isEqualTo(i);
    }
    client.events().next("client", "disconnect");
    assertSocketGone(client.socket());
  }

  @Test
  void serverReceivesWhatTheClientEmittedJustBeforeClose() throws Exception {
    IpcServer server = startServer(config());
    Client client = connectClient(server, config().closeTimeout(ms(5000)));
    client.ipc().emit("last", "words");
    client.ipc().close();
    assertThat(serverEvents.next("server", "last").data()).isEqualTo("words");
    assertSocketGone(client.socket());
    client.events().next("client", "disconnect");
    client.events().next("client", "destroy");
  }

  @Test
  void clientCloseIsIdempotent() throws Exception {
    IpcServer server = startServer(config());
    Client client = connectClient(server, config());
    client.ipc().close();
    client.ipc().close();
    client.events().next("client", "disconnect");
    client.events().next("client", "destroy");
    client.ipc().close();
    client.events().assertExhausted();
  }

  @Test
  void serverCloseIsIdempotent() throws Exception {
    IpcServer server = startServer(config());
    Client client = connectClient(server, config().maxRetries(0));
    server.close();
    server.stop();
    server.close();
    assertSocketGone(client.socket());
    serverEvents.assertExhausted();
  }

  @Test
  void serverCloseIsBoundedWhenThePeerNeverReads() throws Exception {
    IpcServer server = startServer(config().closeTimeout(ms(300)));
    closeLater(transport.connectSilent(server.endpoint()));
    IpcSocket socket = serverEvents.next("server", "connect").socket();
    for (int i = 0; i < 6 * 1024 && socket.emit("f", KIB); i++) {
      // fill the kernel buffers and leave megabytes queued
    }
    long start = System.nanoTime();
    server.close();
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(3000);
    serverEvents.skipTo("server", "socket.disconnected");
    serverEvents.next("server", "close");
    start = System.nanoTime();
    server.close();
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(100);
  }

  @Test
  void closeReportsBytesLeftUnwrittenWhenThePeerNeverReads() throws Exception {
    IpcServer server =
        startServer(config().closeTimeout(ms(300)).maxPendingBytes(64 * 1024 * 1024));
    closeLater(transport.connectSilent(server.endpoint()));
    IpcSocket socket = serverEvents.next("server", "connect").socket();
    // Queue until the kernel has clearly stopped taking bytes (TCP buffers can hold megabytes).
    for (int i = 0; i < 48 * 1024 && socket.pendingBytes() < 4 * 1024 * 1024; i++) {
      assertThat(socket.emit("f", KIB)).isTrue();
    }
    assertThat(socket.pendingBytes()).isGreaterThanOrEqualTo(4 * 1024 * 1024);
    server.close();
    Throwable error = (Throwable) serverEvents.skipTo("server", "error").data();
    assertThat(error)
        .hasMessageContaining("were not written within closeTimeout (300 ms)")
        .hasMessageContaining(socket.id());
    serverEvents.next("server", "socket.disconnected");
    serverEvents.next("server", "close");
  }

  @Test
  void clientCloseIsBoundedWhenTheServerNeverReads() throws Exception {
    Endpoint requested = transport.fresh(endpoints);
    try (StreamTransport.SilentListener listener = transport.listenSilent(requested)) {
      EventRecorder events = new EventRecorder();
      IpcClient client = newClient(listener.endpoint(), config().closeTimeout(ms(300)), events);
      client.connect();
      closeLater(listener.accept());
      events.next("client", "connect");
      for (int i = 0; i < 6 * 1024 && client.emit("f", KIB); i++) {
        // fill the kernel buffers and leave megabytes queued
      }
      long start = System.nanoTime();
      client.close();
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(3000);
      events.skipTo("client", "disconnect");
      events.next("client", "destroy");
    }
  }

  @Test
  void flushCompletesWhenQueuedBytesReachTheSystem() throws Exception {
    IpcServer server = startServer(config());
    Client client = connectClient(server, config());
    for (int i = 0; i < 200; i++) {
      client.ipc().emit("f", KIB);
      client.socket().emit("g", KIB);
    }
    client.ipc().flush().get(5, TimeUnit.SECONDS);
    assertThat(client.ipc().pendingBytes()).isZero();
    client.socket().flush().get(5, TimeUnit.SECONDS);
    assertThat(client.socket().pendingBytes()).isZero();
    serverEvents.skipTo("server", "f");
  }

  @Test
  void flushFailsWithoutAConnection() throws Exception {
    IpcClient client = newClient(transport.dead(endpoints), config(), new EventRecorder());
    assertThat(client.flush()).failsWithin(5, TimeUnit.SECONDS);
  }

  /**
   * A flush asked after the connection closed reports what that connection did: it wrote everything
   * (the server received it), so the flush completes; the CLI's emit relies on it.
   */
  @Test
  void flushAfterTheServerClosedCompletesWhenEverythingWasWritten() throws Exception {
    IpcServer server = startServer(config().maxRetries(0));
    Client client = connectClient(server, config().maxRetries(0));
    assertThat(client.ipc().emit("last", 1)).isTrue();
    serverEvents.next("server", "last");
    server.close();
    client.events().skipTo("client", "disconnect");
    assertThat(client.ipc().flush()).succeedsWithin(5, TimeUnit.SECONDS);
  }

  /**
   * What a peer sent before it saw the server's close is still dispatched: a handler closes the
   * server on the first of 100 frames that arrived together, and the other 99 reach their handlers
   * before the socket's end, in order.
   */
  @Test
  void serverCloseStillDispatchesWhatThePeerSentBeforeItSawTheClose() throws Exception {
    IpcServer server = startServer(config());
    server.on(
        "n",
        (data, socket) -> {
          if (Long.valueOf(0).equals(data)) {
            server.close();
          }
        });
    Peer peer = connectPeer(server);
    StringBuilder frames = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      frames.append("{\"type\":\"n\",\"data\":").append(i).append("}\f");
    }
    peer.raw().send(frames.toString());
    for (long i = 0; i < 100; i++) {
      EventRecorder.Event event = serverEvents.next("server", "n");
      assertThat(event.data()).isEqualTo(i);
    }
    peer.raw().readToEof(ms(5000)); // the server's end; the peer then ends its own
    peer.raw().close();
    assertSocketGone(peer.socket());
  }
}
