package io.jipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.jipc.testing.EventRecorder;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Binding UDP endpoints (udp4, udp6, errors, assured) and the one-datagram size limit. */
class UdpEndpointTest extends UdpContract {
  private static final int UDP4_LIMIT = 65_507;
  private static final int EMPTY_STRING_FRAME = "{\"type\":\"t\",\"data\":\"\"}\f".length();

  @Test
  void aFrameThatFillsOneDatagramExactlyIsSent() throws Exception {
    UdpEndpoint server = startServer(config());
    DatagramPeer peer = peer(server);
    String data = "x".repeat(UDP4_LIMIT - EMPTY_STRING_FRAME);
    assertThat(server.emit(peer.address(), "t", data)).isTrue();
    assertThat(peer.receive()).hasSize(UDP4_LIMIT);
  }

  @Test
  void aFrameLargerThanOneDatagramIsRefusedAndNothingIsSent() throws Exception {
    UdpEndpoint server = startServer(config());
    DatagramPeer peer = peer(server);
    peer.sendFrame("hi", "1");
    IpcSocket socket = nextFrom(peer, "hi").socket();
    String data = "x".repeat(UDP4_LIMIT - EMPTY_STRING_FRAME + 1);
    for (Runnable send :
        new Runnable[] {
          () -> server.emit(peer.address(), "t", data),
          () -> socket.emit("t", data),
          () -> server.broadcast("t", data)
        }) {
      assertThatThrownBy(send::run)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(server.endpoint().toString())
          .hasMessageContaining((UDP4_LIMIT + 1) + " bytes")
          .hasMessageContaining("(" + UDP4_LIMIT + " bytes)")
          .hasMessageContaining("nothing was sent")
          .cause()
          .isInstanceOf(IpcProtocolException.class);
    }
    assertThat(server.emit(peer.address(), "after", 1)).isTrue();
    assertThat(peer.receiveText()).as("the first datagram to arrive").contains("after");
  }

  @Test
  void rawBytesLargerThanOneDatagramAreRefused() throws Exception {
    UdpEndpoint server = startServer(config().rawBuffer(true));
    DatagramPeer peer = peer(server);
    assertThatThrownBy(() -> server.emit(peer.address(), new byte[UDP4_LIMIT + 1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(String.valueOf(UDP4_LIMIT));
    assertThat(server.emit(peer.address(), new byte[UDP4_LIMIT])).isTrue();
    assertThat(peer.receive()).hasSize(UDP4_LIMIT);
  }

  @Test
  void udp6WorksOnTheIpv6Loopback() throws Exception {
    assumeThat(ipv6LoopbackWorks()).as("this machine has an IPv6 loopback").isTrue();
    UdpEndpoint server = startServer(Endpoint.udp6("::1", 0), config());
    server.on("ping", (data, socket) -> socket.emit("pong", data));
    assertThat(server.endpoint().toString()).startsWith("udp6 [::1]:");
    DatagramPeer peer = peer(InetAddress.getByName("::1"), server);
    peer.sendFrame("ping", "6");
    EventRecorder.Event ping = nextFrom(peer, "ping");
    assertThat(ping.socket().id()).isEqualTo("[::1]:" + peer.address().getPort());
    assertThat(peer.receiveText()).isEqualTo("{\"type\":\"pong\",\"data\":6}\f");
    assertThat(server.emit(peer.address(), "direct", 1)).isTrue();
    assertThat(peer.receiveText()).isEqualTo("{\"type\":\"direct\",\"data\":1}\f");
  }

  @Test
  void udp4OnTheIpv6LoopbackHostBinds127001() throws Exception {
    UdpEndpoint server = startServer(Endpoint.udp4("::1", 0), config());
    assertThat(((Endpoint.Udp) server.endpoint()).host()).isEqualTo("127.0.0.1");
    DatagramPeer peer = peer(server);
    peer.sendFrame("hi", "4");
    assertThat(nextFrom(peer, "hi").data()).isEqualTo(4L);

    UdpEndpoint record = startServer(new Endpoint.Udp("::1", 0, false), config());
    assertThat(((Endpoint.Udp) record.endpoint()).host()).isEqualTo("127.0.0.1");
  }

  @Test
  void theAssuredProfileRefusesUdp() {
    IpcServer server =
        closeLater(
            IpcServer.create(
                Endpoint.udp4("127.0.0.1", 0),
                config().profile(Profile.ASSURED).allowedEvents(Set.of("hi")).build()));
    serverEvents.record(server, "server");
    assertThatThrownBy(server::start)
        .isInstanceOfSatisfying(
            IpcProtocolException.class,
            e -> assertThat(e.code()).isEqualTo(IpcProtocolException.ASSURED_TRANSPORT))
        .hasMessageContaining("udp4 127.0.0.1:0");
    serverEvents.assertExhausted();
  }

  @Test
  void aPortInUseFailsStartNamingTheEndpoint() throws Exception {
    try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      Endpoint.Udp endpoint = Endpoint.udp4("127.0.0.1", taken.getLocalPort());
      IpcServer server = closeLater(IpcServer.create(endpoint, config().build()));
      assertThatThrownBy(server::start)
          .isInstanceOf(IOException.class)
          .hasMessageContaining(endpoint.toString());
    }
  }

  @Test
  void aHostWithoutAnAddressOfTheFamilyFailsStart() {
    IpcServer server = closeLater(IpcServer.create(Endpoint.udp6("127.0.0.1", 0)));
    assertThatThrownBy(server::start)
        .isInstanceOf(IOException.class)
        .hasMessageContaining("udp6 127.0.0.1:0")
        .hasMessageContaining("IPv6");
  }

  private static boolean ipv6LoopbackWorks() {
    try (DatagramChannel probe = DatagramChannel.open(StandardProtocolFamily.INET6)) {
      probe.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }
}
