package io.jipc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.testing.EventRecorder;
import io.jipc.testing.ScriptedPeer;
import org.junit.jupiter.api.Test;

/**
 * Heartbeats over every stream transport: jipc answers pings by itself, an idle line with
 * heartbeats stays open, any frame is a sign of life, and a peer that keeps its socket open but
 * stops answering (half-dead) is closed after {@code heartbeatTimeout}; a client then reconnects.
 */
class HeartbeatContractTest extends StreamContract {
  private static final String PING = "{\"type\":\"jipc.ping\",\"data\":{}}";

  @Test
  void jipcAnswersAPingByItselfWithItsData() throws Exception {
    IpcServer server = startServer(config());
    Peer peer = connectPeer(server);
    peer.raw().send("{\"type\":\"jipc.ping\",\"data\":{\"n\":1}}\f");
    assertThat(peer.raw().readFrame(ms(5000)))
        .isEqualTo("{\"type\":\"jipc.pong\",\"data\":{\"n\":1}}");
    serverEvents.assertNoEventWithin(QUIET); // pings never reach on handlers
  }

  @Test
  void anIdleConnectionWithHeartbeatsOnBothSidesStaysOpen() throws Exception {
    IpcConfig.Builder beating = config().heartbeat(ms(50)).heartbeatTimeout(ms(400));
    IpcServer server = startServer(beating);
    Client client = connectClient(server, beating);
    client.events().assertNoEventWithin(ms(1200)); // three timeouts of silence but for pings
    serverEvents.assertExhausted();
    assertThat(client.ipc().isConnected()).isTrue();
    assertThat(client.socket().isOpen()).isTrue();
  }

  @Test
  void aHalfDeadServerIsClosedAfterHeartbeatTimeoutAndTheClientReconnects() throws Exception {
    try (ScriptedPeer.Listener listener = transport.listenPeer(transport.fresh(endpoints))) {
      EventRecorder events = new EventRecorder();
      IpcClient client =
          newClient(
              listener.endpoint(),
              config().heartbeat(ms(50)).heartbeatTimeout(ms(300)).retry(ms(20)),
              events);
      client.connect();
      ScriptedPeer silent = closeLater(listener.accept());
      events.next("client", "connect");
      assertThat(silent.readFrame(ms(5000))).isEqualTo(PING); // asked, never answers
      Object error = events.next("client", "error").data();
      assertThat(error).isInstanceOf(IpcProtocolException.class);
      assertThat(((IpcProtocolException) error).code())
          .isEqualTo(IpcProtocolException.HEARTBEAT_TIMEOUT);
      assertThat(((Throwable) error).getMessage()).contains("heartbeatTimeout (300 ms)");
      events.next("client", "disconnect");
      ScriptedPeer next = closeLater(listener.accept());
      events.next("client", "connect");
      assertThat(next.readFrame(ms(5000))).isEqualTo(PING);
    }
  }

  @Test
  void aHalfDeadClientIsClosedByTheServersHeartbeat() throws Exception {
    IpcServer server = startServer(config().heartbeat(ms(50)).heartbeatTimeout(ms(300)));
    Peer peer = connectPeer(server);
    assertThat(peer.raw().readFrame(ms(5000))).isEqualTo(PING);
    EventRecorder.Event error = serverEvents.next("server", "error");
    assertThat(((IpcProtocolException) error.data()).code())
        .isEqualTo(IpcProtocolException.HEARTBEAT_TIMEOUT);
    assertThat(error.socket().id()).isEqualTo(peer.socket().id());
    serverEvents.next("server", "socket.disconnected");
  }

  @Test
  void anyFrameCountsAsASignOfLife() throws Exception {
    IpcServer server = startServer(config().heartbeat(ms(50)).heartbeatTimeout(ms(300)));
    Peer peer = connectPeer(server);
    for (int i = 0; i < 5; i++) { // a peer that answers pings with its own events, never a pong
      assertThat(peer.raw().readFrame(ms(5000))).isEqualTo(PING);
      peer.raw().send("{\"type\":\"tick\",\"data\":" + i + "}\f");
      assertThat(serverEvents.next("server", "tick").data()).isEqualTo((long) i);
    }
    assertThat(peer.socket().isOpen()).isTrue();
  }
}
