package io.jipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jipc.testing.EventRecorder;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** node-ipc's {@code serveNet(host, port, 'udp4' | 'udp6', callback)} forms on {@link Ipc}. */
class UdpFacadeTest extends UdpContract {
  private final Ipc ipc = new Ipc();

  @AfterEach
  void closeServer() {
    try {
      ipc.server().close();
    } catch (IllegalStateException noServer) {
      // this test never served
    }
  }

  @Test
  void serveNetWithUdp4ServesDatagrams() throws Exception {
    ipc.config().id("world");
    ipc.serveNet(
        "127.0.0.1",
        0,
        "udp4",
        () ->
            ipc.server()
                .on("message", (data, socket) -> ipc.server().emit(socket, "message", data + "!")));
    serverEvents.record(ipc.server(), "server");
    ipc.server().start();
    serverEvents.next("server", "connect");
    serverEvents.next("server", "start");
    assertThat(ipc.server().endpoint()).isInstanceOf(Endpoint.Udp.class);

    DatagramPeer peer = peer(InetAddress.getByName("127.0.0.1"), ipc.server());
    peer.sendFrame("message", "\"hello\"");
    assertThat(nextFrom(peer, "message").data()).isEqualTo("hello");
    assertThat(peer.receiveText()).isEqualTo("{\"type\":\"message\",\"data\":\"hello!\"}\f");
  }

  @Test
  void theFormsWithoutHostOrPortUseNetworkHostAndNetworkPort() {
    ipc.config().networkHost("::1").networkPort(9123);
    ipc.serveNet("udp6", null);
    assertThat(ipc.server().endpoint()).isEqualTo(Endpoint.udp6("::1", 9123));
    ipc.serveNet("UDP4", null);
    assertThat(ipc.server().endpoint())
        .as("udp4 on ::1 binds 127.0.0.1, as in node-ipc")
        .isEqualTo(Endpoint.udp4("127.0.0.1", 9123));
    ipc.serveNet(9124, "udp6", null);
    assertThat(ipc.server().endpoint()).isEqualTo(Endpoint.udp6("::1", 9124));
    ipc.serveNet("127.0.0.1", "udp4", null);
    assertThat(ipc.server().endpoint()).isEqualTo(Endpoint.udp4("127.0.0.1", 9123));
    ipc.serveNet(null, 9125, "udp4", null);
    assertThat(ipc.server().endpoint()).isEqualTo(Endpoint.udp4("127.0.0.1", 9125));
  }

  @Test
  void withoutAUdpTypeServeNetStaysTcp() {
    ipc.config().networkPort(9123);
    ipc.serveNet("localhost", null);
    assertThat(ipc.server().endpoint()).isEqualTo(Endpoint.tcp("localhost", 9123));
    ipc.serveNet("127.0.0.1", 0, null, null);
    assertThat(ipc.server().endpoint()).isEqualTo(Endpoint.tcp("127.0.0.1", 0));
    assertThatThrownBy(() -> ipc.serveNet("127.0.0.1", 0, "tcp", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"tcp\"");
  }

  @Test
  void theFormWithoutHostServesOnNetworkHost() throws Exception {
    int port;
    try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      port = probe.getLocalPort(); // free a moment ago; UDP ports are not held in TIME_WAIT
    }
    ipc.config().networkHost("127.0.0.1");
    EventRecorder started = new EventRecorder();
    ipc.serveNet(port, "udp4", () -> started.add(new EventRecorder.Event("ipc", "start", 0, null)));
    ipc.server().start();
    started.next("ipc", "start");
    assertThat(ipc.server().endpoint()).isEqualTo(Endpoint.udp4("127.0.0.1", port));
  }
}
