package io.jipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jipc.testing.EventRecorder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A UDP endpoint's lifecycle, sending and receiving: node-ipc's {@code serveNet(..., 'udp4')}. */
class UdpServerTest extends UdpContract {

  @Test
  void startBindsAFreePortAndFiresConnectThenStart() throws Exception {
    IpcServer server =
        closeLater(IpcServer.create(Endpoint.udp4("127.0.0.1", 0), config().build()));
    serverEvents.record(server, "server");
    server.start();
    EventRecorder.Event connect = serverEvents.next("server", "connect");
    assertThat(connect.socket()).isNull();
    assertThat(connect.data()).isNull();
    serverEvents.next("server", "start");
    Endpoint.Udp bound = (Endpoint.Udp) server.endpoint();
    assertThat(bound.port()).isPositive();
    assertThat(bound).isEqualTo(Endpoint.udp4("127.0.0.1", bound.port()));
    assertThat(server.sockets()).isEmpty();
    assertThatThrownBy(server::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already started");
    serverEvents.assertExhausted();
  }

  @Test
  void emitToAnAddressSendsOneExactFrame() throws Exception {
    UdpEndpoint server = startServer(config());
    DatagramPeer peer = peer(server);
    assertThat(server.emit(peer.address(), "app.message", "hello")).isTrue();
    assertThat(peer.receiveText()).isEqualTo("{\"type\":\"app.message\",\"data\":\"hello\"}\f");
    assertThat(server.sockets()).as("sending does not make a peer").isEmpty();
  }

  @Test
  void handlersSeeTheSenderAsSocketAndRepliesGoBackToIt() throws Exception {
    UdpEndpoint server = startServer(config());
    server.on("ping", (data, socket) -> socket.emit("pong", data));
    DatagramPeer peer = peer(server);
    peer.sendFrame("ping", "{\"n\":1}");
    EventRecorder.Event ping = nextFrom(peer, "ping");
    assertThat(ping.data()).isEqualTo(Map.of("n", 1L));
    IpcSocket socket = ping.socket();
    assertThat(socket.id()).isEqualTo(peer.id());
    assertThat(socket.isOpen()).isTrue();
    assertThat(socket.pendingBytes()).isZero();
    assertThat(socket.flush()).isCompleted();
    assertThat(peer.receiveText()).isEqualTo("{\"type\":\"pong\",\"data\":{\"n\":1}}\f");
    assertThat(server.emit(socket, "again")).isTrue();
    assertThat(peer.receiveText()).isEqualTo("{\"type\":\"again\",\"data\":{}}\f");
    assertThat(server.sockets()).containsExactly(socket);
  }

  @Test
  void broadcastReachesEverySenderHeardOnce() throws Exception {
    UdpEndpoint server = startServer(config());
    List<DatagramPeer> peers = List.of(peer(server), peer(server), peer(server));
    for (DatagramPeer peer : peers) {
      peer.sendFrame("hello", "1");
      nextFrom(peer, "hello");
    }
    assertThat(server.sockets())
        .extracting(IpcSocket::id)
        .containsExactly(peers.get(0).id(), peers.get(1).id(), peers.get(2).id());
    assertThat(server.broadcast("news", Map.of("a", 1))).isEqualTo(3);
    assertThat(server.broadcast("end")).isEqualTo(3);
    for (DatagramPeer peer : peers) {
      assertThat(peer.receiveText()).isEqualTo("{\"type\":\"news\",\"data\":{\"a\":1}}\f");
      assertThat(peer.receiveText()).isEqualTo("{\"type\":\"end\",\"data\":{}}\f");
    }
  }

  @Test
  void broadcastWithNoPeersSendsNothing() throws Exception {
    UdpEndpoint server = startServer(config());
    assertThat(server.broadcast("nobody", 1)).isZero();
  }

  @Test
  void aThrowingHandlerIsReportedAndTheNextFrameStillArrives() throws Exception {
    UdpEndpoint server = startServer(config());
    server.on(
        "boom",
        () -> {
          throw new IllegalStateException("handler failed");
        });
    DatagramPeer peer = peer(server);
    peer.send("{\"type\":\"boom\",\"data\":1}\f{\"type\":\"next\",\"data\":2}\f");
    nextFrom(peer, "boom");
    EventRecorder.Event error = nextFrom(peer, "error");
    assertThat((Throwable) error.data()).hasRootCauseMessage("handler failed");
    assertThat(nextFrom(peer, "next").data()).isEqualTo(2L);
  }

  @Test
  void anInterruptedThreadCannotCloseTheEndpoint() throws Exception {
    UdpEndpoint server = startServer(config());
    server.on(
        "ping",
        (data, socket) -> {
          Thread.currentThread().interrupt(); // left set by a careless handler
          socket.emit("pong", data);
        });
    DatagramPeer peer = peer(server);
    Thread.currentThread().interrupt();
    try {
      assertThat(server.emit(peer.address(), "x", 1)).isTrue();
    } finally {
      assertThat(Thread.interrupted()).as("the caller's interrupt flag is kept").isTrue();
    }
    assertThat(peer.receiveText()).isEqualTo("{\"type\":\"x\",\"data\":1}\f");
    for (int i = 1; i <= 2; i++) {
      peer.sendFrame("ping", Integer.toString(i));
      nextFrom(peer, "ping");
      assertThat(peer.receiveText()).isEqualTo("{\"type\":\"pong\",\"data\":" + i + "}\f");
    }
  }

  @Test
  void closeIsIdempotentAndLaterSendsReturnFalse() throws Exception {
    UdpEndpoint server = startServer(config().id("udpclose"));
    DatagramPeer peer = peer(server);
    peer.sendFrame("hello", "1");
    IpcSocket socket = nextFrom(peer, "hello").socket();
    server.close();
    server.close();
    server.stop();
    assertThat(portIsFree(server)).as("the port is free when close() returns").isTrue();
    assertThat(server.emit(peer.address(), "x", 1)).isFalse();
    assertThat(server.broadcast("x", 1)).isZero();
    assertThat(socket.isOpen()).isFalse();
    assertThat(socket.emit("x", 1)).isFalse();
    assertThat(server.sockets()).isEmpty();
    assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
    peer.sendFrame("late", "1");
    serverEvents.assertExhausted();
  }

  @Test
  void closeFromAHandlerReturnsAndEndsTheReceiver() throws Exception {
    UdpEndpoint server = startServer(config().id("udpselfclose"));
    server.on("bye", server::close);
    DatagramPeer peer = peer(server);
    peer.sendFrame("bye", "1");
    nextFrom(peer, "bye");
    awaitCondition("the port is free again", () -> portIsFree(server));
    assertThat(server.emit(peer.address(), "x", 1)).isFalse();
    server.close();
  }

  @Test
  void emitBeforeStartReturnsFalse() {
    UdpEndpoint server =
        closeLater(UdpEndpoint.create(Endpoint.udp4("127.0.0.1", 0), IpcConfig.defaults()));
    assertThat(server.emit(new InetSocketAddress("127.0.0.1", 9), "x", 1)).isFalse();
    assertThat(server.broadcast("x")).isZero();
    server.close();
  }

  @Test
  void aUdp4EndpointRefusesUnusableTargets() throws Exception {
    UdpEndpoint server = startServer(config());
    assertThatThrownBy(() -> server.emit(new InetSocketAddress("::1", 9), "x", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("IPv6");
    assertThatThrownBy(
            () -> server.emit(InetSocketAddress.createUnresolved("nowhere.invalid", 9), "x", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unresolved");
  }

  @Test
  void theRawProfileIsRefusedForEventsAndEventsForRawBytes() throws Exception {
    UdpEndpoint server = startServer(config());
    DatagramPeer peer = peer(server);
    assertThatThrownBy(() -> server.emit(peer.address(), new byte[] {1}))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> server.broadcast(new byte[] {1}))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> server.emit(peer.address(), "start", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasCauseInstanceOf(IpcProtocolException.class);
  }

  /** Returns true when the server's UDP port can be bound again: its socket is really closed. */
  private static boolean portIsFree(IpcServer server) {
    Endpoint.Udp udp = (Endpoint.Udp) server.endpoint();
    try (DatagramChannel probe = DatagramChannel.open()) {
      probe.bind(new InetSocketAddress(udp.host(), udp.port()));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
