package io.jipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jipc.testing.EventRecorder;
import io.jipc.testing.TestSslContexts;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * TLS 1.2 renegotiation is refused: each would cost the server a private-key operation, and it
 * could swap the peer's certificate after {@code connect}. node-ipc (Node) limits it to three in
 * ten minutes; jipc allows none.
 */
class TlsRenegotiationTest extends TlsFixture {
  @Test
  void aClientThatRenegotiatesIsDisconnectedWithAnErrorNamingIt() throws Exception {
    IpcServer server = startServer(config(serverAuthOnly().protocols("TLSv1.2").build()));
    int port = ((Endpoint.Tcp) server.endpoint()).port();
    try (SSLSocket socket =
        (SSLSocket) TestSslContexts.trusting(PKI.caFile()).getSocketFactory().createSocket()) {
      socket.setEnabledProtocols(new String[] {"TLSv1.2"});
      socket.connect(new InetSocketAddress("127.0.0.1", port), 3000);
      socket.startHandshake();
      IpcSocket connected = serverEvents.next("server", "connect").socket();
      socket
          .getOutputStream()
          .write("{\"type\":\"hi\",\"data\":1}\f".getBytes(StandardCharsets.UTF_8));
      assertThat(serverEvents.next("server", "hi").data()).isEqualTo(1L);

      socket.startHandshake(); // asks for a new handshake on the established session
      InputStream in = socket.getInputStream();
      catchThrowable(in::read); // the server ends the connection: EOF or an alert

      EventRecorder.Event error = serverEvents.next("server", "error");
      assertThat(error.socket().id()).isEqualTo(connected.id());
      assertThat((Throwable) error.data())
          .hasMessageContaining("renegotiation refused")
          .hasMessageContaining("127.0.0.1");
      serverEvents.next("server", "socket.disconnected");
      serverEvents.next("server", "close");
    }
  }
}
