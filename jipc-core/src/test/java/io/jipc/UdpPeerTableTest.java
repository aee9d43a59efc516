package io.jipc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.testing.EventRecorder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The bounded table of UDP senders: {@code maxUdpPeers}, {@code udpPeerTimeout}, closing a peer.
 */
class UdpPeerTableTest extends UdpContract {

  @Test
  void aSenderBeyondMaxUdpPeersIsDroppedWithOneError() throws Exception {
    UdpEndpoint server = startServer(config().maxUdpPeers(2));
    DatagramPeer a = peer(server);
    DatagramPeer b = peer(server);
    DatagramPeer c = peer(server);
    a.sendFrame("hi", "1");
    nextFrom(a, "hi");
    b.sendFrame("hi", "2");
    nextFrom(b, "hi");
    c.sendFrame("hi", "3");
    c.sendFrame("hi", "4");
    EventRecorder.Event dropped = serverEvents.next("server", "error");
    assertThat(dropped.socket()).isNull();
    assertThat(((Throwable) dropped.data()).getMessage())
        .contains("refused a datagram from")
        .contains(c.id())
        .contains("maxUdpPeers (2)")
        .contains(server.endpoint().toString());
    // The second drop, within the same second, fires no error of its own: it is reported when
    // that second is over.
    a.sendFrame("after", "5");
    assertThat(nextFrom(a, "after").data()).isEqualTo(5L);
    assertThat(server.sockets()).extracting(IpcSocket::id).containsExactly(a.id(), b.id());
    assertThat(server.broadcast("news")).isEqualTo(2);
    EventRecorder.Event later = serverEvents.next("server", "error");
    assertThat(((Throwable) later.data()).getMessage())
        .contains("refused a datagram from")
        .contains(c.id());
  }

  @Test
  void aSilentPeerLeavesAfterUdpPeerTimeoutAndMakesRoom() throws Exception {
    UdpEndpoint server = startServer(config().maxUdpPeers(1).udpPeerTimeout(Duration.ofSeconds(1)));
    DatagramPeer a = peer(server);
    DatagramPeer b = peer(server);
    a.sendFrame("hi", "1");
    IpcSocket socketA = nextFrom(a, "hi").socket();
    b.sendFrame("hi", "2");
    assertThat(serverEvents.next("server", "error").socket()).isNull();

    awaitCondition("A expired", () -> server.sockets().isEmpty());
    assertThat(socketA.isOpen()).isFalse();
    assertThat(socketA.emit("x", 1)).isFalse();
    b.sendFrame("hi", "3");
    IpcSocket socketB = nextFrom(b, "hi").socket();
    assertThat(server.sockets()).containsExactly(socketB);
    assertThat(server.broadcast("news")).isEqualTo(1);
    assertThat(b.receiveText()).isEqualTo("{\"type\":\"news\",\"data\":{}}\f");
  }

  @Test
  void anExpiredSendersPartialFrameIsForgotten() throws Exception {
    UdpEndpoint server = startServer(config().udpPeerTimeout(Duration.ofMillis(200)));
    DatagramPeer a = peer(server);
    a.send("{\"type\":\"mark\",\"data\":0}\f{\"type\":\"stale\",\"da");
    nextFrom(a, "mark");
    awaitCondition("A expired", () -> server.sockets().isEmpty());
    a.send("ta\":1}\f");
    EventRecorder.Event error = nextFrom(a, "error");
    protocolError(error, IpcProtocolException.INVALID_JSON);
    assertThat(error.socket().isOpen()).as("a new peer, admitted by this datagram").isTrue();
  }

  @Test
  void closingAPeerForgetsItUntilItSendsAgain() throws Exception {
    UdpEndpoint server = startServer(config());
    DatagramPeer a = peer(server);
    DatagramPeer b = peer(server);
    a.sendFrame("hi", "1");
    IpcSocket first = nextFrom(a, "hi").socket();
    b.sendFrame("hi", "2");
    IpcSocket socketB = nextFrom(b, "hi").socket();
    a.send("{\"type\":\"mark\",\"data\":0}\f{\"type\":\"partial\",\"da");
    nextFrom(a, "mark"); // so the partial frame is A's before A is closed

    first.close();
    first.close();
    assertThat(first.isOpen()).isFalse();
    assertThat(first.emit("x", 1)).isFalse();
    assertThat(server.sockets()).containsExactly(socketB);
    assertThat(server.broadcast("news")).isEqualTo(1);

    a.sendFrame("back", "3");
    IpcSocket second = nextFrom(a, "back").socket();
    assertThat(second).isNotSameAs(first);
    assertThat(second.id()).isEqualTo(first.id());
    assertThat(server.sockets()).containsExactly(socketB, second);
  }
}
