package io.jipc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.testing.EventRecorder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same traffic over TLS 1.2 only and TLS 1.3 only, mutual TLS on both sides: events both ways,
 * broadcast, payloads spanning many TLS records, long pipelines, and graceful closes from either
 * side that deliver everything queued before them. The closes exercise close_notify, which TLS 1.2
 * answers at once (closing both directions) and TLS 1.3 treats as a half-close.
 */
class TlsVersionsTest extends TlsFixture {
  private static final int QUEUED = 1000;
  private static final int PIPELINED = 10_000;

  /** A mutual-TLS server config restricted to {@code version}, with room for a slow close. */
  private static IpcConfig.Builder server(String version) {
    return config(PKI.server().tls().trustedConnections(PKI.caFile()).protocols(version).build())
        .closeTimeout(ms(5000));
  }

  /** A mutual-TLS client config restricted to {@code version} that does not reconnect. */
  private static IpcConfig.Builder client(String version) {
    return config(PKI.client().tls().trustedConnections(PKI.caFile()).protocols(version).build())
        .closeTimeout(ms(5000))
        .maxRetries(0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
  void exchangesAndBroadcastsToTwoClients(String version) throws Exception {
    IpcServer server = startServer(server(version));
    Client first = assertServes(server, client(version));
    Client second = assertServes(server, client(version));

    assertThat(server.broadcast("news", "to all")).isEqualTo(2);
    assertThat(first.events().next("client", "news").data()).isEqualTo("to all");
    assertThat(second.events().next("client", "news").data()).isEqualTo("to all");
    assertThat(leafSubject(second.socket().peerCertificates())).isEqualTo("CN=jipc test client");
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
  void clientCloseDeliversEverythingItQueuedFirst(String version) throws Exception {
    IpcServer server = startServer(server(version));
    Client client = connectClient(server, client(version));
    for (int i = 0; i < QUEUED; i++) {
      assertThat(client.ipc().emit("n", i)).isTrue();
    }
    client.ipc().close();

    for (long i = 0; i < QUEUED; i++) {
      assertThat(serverEvents.next("server", "n").data()).isEqualTo(i);
    }
    assertThat(serverEvents.next("server", "socket.disconnected").data())
        .isEqualTo(client.socket().id());
    serverEvents.next("server", "close");
    client.events().next("client", "disconnect");
    client.events().next("client", "destroy");
    serverEvents.assertNoEventWithin(QUIET);
    client.events().assertExhausted();
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
  void serverCloseDeliversEverythingItQueuedFirst(String version) throws Exception {
    IpcServer server = startServer(server(version));
    Client client = connectClient(server, client(version));
    for (int i = 0; i < QUEUED; i++) {
      assertThat(client.socket().emit("n", i)).isTrue();
    }
    server.close();

    for (long i = 0; i < QUEUED; i++) {
      assertThat(client.events().next("client", "n").data()).isEqualTo(i);
    }
    client.events().next("client", "disconnect");
    client.events().next("client", "destroy");
    serverEvents.next("server", "socket.disconnected");
    serverEvents.next("server", "close");
    client.events().assertExhausted();
    serverEvents.assertExhausted();
  }

  /**
   * A client that closes while the server is still sending to it ends the socket quietly, as over
   * TCP: the closing client discards what still arrives. Under TLS 1.2 the client's close_notify
   * ends the whole session, so the server's queued bytes can no longer be sent (the engine refuses
   * them, or the client has closed its socket): they are dropped, not reported as a failure.
   */
  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
  void clientCloseWhileTheServerStreamsEndsTheSocketWithoutError(String version) throws Exception {
    IpcServer server = startServer(server(version).closeTimeout(ms(500)));
    for (int round = 0; round < 3; round++) {
      Client client = connectClient(server, client(version));
      Thread producer = new Thread(() -> stream(client.socket()), "tls-test-producer");
      producer.start();
      client.events().next("client", "s");
      client.ipc().close();
      producer.join(WAIT.toMillis());
      assertThat(producer.isAlive()).as("producer still running").isFalse();

      EventRecorder.Event end = serverEvents.next();
      assertThat(end.type())
          .as("first server event after the close: %s", end)
          .isEqualTo("socket.disconnected");
      serverEvents.next("server", "close");
    }
  }

  /** Emits to {@code socket} until it closes, keeping at most about 256 KiB queued. */
  private static void stream(IpcSocket socket) {
    String payload = "s".repeat(100);
    try {
      while (socket.emit("s", payload)) {
        if (socket.pendingBytes() > 256 * 1024) {
          socket.flush().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
      }
    } catch (ExecutionException | TimeoutException e) {
      // The socket closed with bytes queued: the flush fails, and streaming ends.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
  void halfMebibyteStringsCrossManyRecordsEachWay(String version) throws Exception {
    IpcServer server = startServer(server(version));
    Client client = connectClient(server, client(version));
    String up = text(512 * 1024, 'u');
    String down = text(512 * 1024, 'd');

    assertThat(client.ipc().emit("big", up)).isTrue();
    assertThat(client.socket().emit("big", down)).isTrue();

    assertThat(serverEvents.next("server", "big").data()).isEqualTo(up);
    assertThat(client.events().next("client", "big").data()).isEqualTo(down);
    assertExchanges(client);
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
  void tenThousandPipelinedEventsArriveInOrderEachWay(String version) throws Exception {
    IpcServer server = startServer(server(version));
    Client client = connectClient(server, client(version));

    for (int i = 0; i < PIPELINED; i++) {
      assertThat(client.ipc().emit("up", i)).isTrue();
      assertThat(client.socket().emit("down", i)).isTrue();
    }

    assertArriveInOrder(serverEvents, "server", "up");
    assertArriveInOrder(client.events(), "client", "down");
    serverEvents.assertExhausted();
    client.events().assertExhausted();
  }

  private static void assertArriveInOrder(EventRecorder events, String source, String type) {
    for (long i = 0; i < PIPELINED; i++) {
      EventRecorder.Event event = events.next();
      assertThat(event.source() + ":" + event.type() + "=" + event.data())
          .isEqualTo(source + ":" + type + "=" + i);
    }
  }

  /**
   * Returns text of exactly {@code utf8Bytes} bytes in UTF-8 mixing 1- to 4-byte characters, so
   * that record boundaries fall inside multi-byte sequences; {@code mark} makes two texts differ.
   */
  private static String text(int utf8Bytes, char mark) {
    String[] pieces = {String.valueOf(mark), "é", "€", "\uD83D\uDE00", "0123456789"};
    StringBuilder text = new StringBuilder();
    int size = 0;
    for (int i = 0; size < utf8Bytes; i++) {
      String piece = pieces[i % pieces.length];
      int length = piece.getBytes(StandardCharsets.UTF_8).length;
      if (size + length > utf8Bytes) {
        piece = String.valueOf(mark);
        length = 1;
      }
      text.append(piece);
      size += length;
    }
    return text.toString();
  }
}
