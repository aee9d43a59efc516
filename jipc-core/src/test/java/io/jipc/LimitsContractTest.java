package io.jipc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.testing.EventRecorder;
import io.jipc.testing.ScriptedPeer;
import java.io.IOException;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** {@code maxPendingBytes} and {@code maxConnections} hold, and only the offender pays. */
class LimitsContractTest extends StreamContract {
  private static final String CHUNK = "x".repeat(16 * 1024);

  @Test
  void pendingBytesOverflowClosesThatSocketWithBackpressure() throws Exception {
    IpcServer server = startServer(config().maxPendingBytes(256 * 1024));
    Client bystander = connectClient(server, config());
    StreamTransport.Silent silent = closeLater(transport.connectSilent(server.endpoint()));
    IpcSocket socket = serverEvents.next("server", "connect").socket();
    boolean refused = false;
    for (int i = 0; i < 2048 && !refused; i++) {
      refused = !socket.emit("flood", CHUNK);
    }
    assertThat(refused).as("emit returned false within 32 MiB").isTrue();
    IpcProtocolException error = assertClosedWith(socket, IpcProtocolException.BACKPRESSURE);
    assertThat(error.getMessage()).contains("262144");
    assertThat(socket.isOpen()).isFalse();
    assertThat(socket.emit("flood", "more")).isFalse();
    assertThat(silent.isOpen()).isTrue();
    assertStillWorks(bystander);
  }

  @Test
  void broadcastClosesTheSlowSocketAndStillReachesTheOthers() throws Exception {
    IpcServer server = startServer(config().maxPendingBytes(256 * 1024));
    Client fast = connectClient(server, config());
    closeLater(transport.connectSilent(server.endpoint()));
    IpcSocket slow = serverEvents.next("server", "connect").socket();
    int reached = 2;
    for (int i = 0; i < 2048 && reached == 2; i++) {
      reached = server.broadcast("flood", CHUNK);
      // The reading client keeps up: its queue never holds more than one chunk.
      assertThat(fast.events().next("client", "flood").data()).isEqualTo(CHUNK);
    }
    assertThat(reached).isEqualTo(1);
    assertClosedWith(slow, IpcProtocolException.BACKPRESSURE);
    assertThat(server.sockets()).extracting(IpcSocket::id).containsExactly(fast.socket().id());
    assertThat(server.broadcast("after", 1)).isEqualTo(1);
    assertThat(fast.events().next("client", "after").data()).isEqualTo(1L);
    assertThat(fast.ipc().isConnected()).isTrue();
  }

  @Test
  void clientPendingBytesOverflowClosesTheConnection() throws Exception {
    Endpoint requested = transport.fresh(endpoints);
    try (StreamTransport.SilentListener listener = transport.listenSilent(requested)) {
      Endpoint endpoint = listener.endpoint();
      EventRecorder events = new EventRecorder();
      IpcClient client =
          newClient(endpoint, config().maxPendingBytes(256 * 1024).maxRetries(0), events);
      client.connect();
      closeLater(listener.accept());
      events.next("client", "connect");
      boolean refused = false;
      for (int i = 0; i < 2048 && !refused; i++) {
        refused = !client.emit("flood", CHUNK);
      }
      assertThat(refused).isTrue();
      protocolError(events.next("client", "error"), IpcProtocolException.BACKPRESSURE);
      events.next("client", "disconnect");
      events.next("client", "destroy");
    }
  }

  @Test
  void maxConnectionsRefusesTheExtraConnectionOnly() throws Exception {
    IpcServer server = startServer(config().maxConnections(2));
    Client a = connectClient(server, config());
    Client b = connectClient(server, config());
    try {
      ScriptedPeer extra = closeLater(transport.connectPeer(server.endpoint()));
      assertThat(extra.readToEof(ms(5000))).isEmpty();
    } catch (SSLHandshakeException | SocketException e) {
      // TLS: closed on accept, before any handshake (a reset when the ClientHello was already
      // there): refused all the same.
      assertThat(transport).isEqualTo(StreamTransport.TLS);
    }
    a.ipc().emit("ping", "a");
    List<String> before = new ArrayList<>();
    EventRecorder.Event event;
    while (!(event = serverEvents.next()).type().equals("ping")) {
      before.add(event.type());
    }
    assertThat(before).as("events for the refused connection").doesNotContain("connect");
    assertThat(event.socket().id()).isEqualTo(a.socket().id());
    assertThat(server.sockets()).hasSize(2);
    assertStillWorks(b);
  }

  @Test
  void maxConnectionsFreesASlotWhenASocketLeaves() throws Exception {
    IpcServer server = startServer(config().maxConnections(1));
    Client first = connectClient(server, config());
    first.ipc().close();
    assertSocketGone(first.socket());
    Client second = connectClient(server, config());
    assertStillWorks(second);
  }

  /**
   * Refusals reach the error handlers at most once per second: the first at once, the others of
   * that second in one report with their count when it is over, so a reconnect loop against a full
   * server costs one event a second and nothing goes unreported.
   */
  @Test
  void refusalsReachTheErrorHandlersAtMostOncePerSecondWithTheirCount() throws Exception {
    IpcServer server = startServer(config().maxConnections(1));
    connectClient(server, config());
    int extra = 5;
    for (int i = 0; i < extra; i++) {
      try (ScriptedPeer peer = transport.connectPeer(server.endpoint())) {
        peer.readToEof(ms(5000));
      } catch (IOException e) {
        // TLS: refused before or during the handshake; refused all the same.
      }
    }
    int reported = 0;
    int reports = 0;
    while (reported < extra) {
      EventRecorder.Event error = serverEvents.next("server", "error");
      assertThat(error.socket()).isNull();
      String message = ((Throwable) error.data()).getMessage();
      assertThat(message).contains("maxConnections (1) reached");
      Matcher count =
          Pattern.compile("\\((\\d+) refused since the last report\\)").matcher(message);
      reported += count.find() ? Integer.parseInt(count.group(1)) : 1;
      reports++;
    }
    assertThat(reported).as("every refusal counted once").isEqualTo(extra);
    assertThat(reports).as("refusals within a second share a report").isLessThan(extra);
    serverEvents.assertNoEventWithin(QUIET);
  }
}
