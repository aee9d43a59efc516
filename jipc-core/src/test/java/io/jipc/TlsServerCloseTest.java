package io.jipc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.testing.EventRecorder;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/**
 * A socket still in its TLS handshake when the server closes is ended by that close; the server
 * reports no error for a handshake it aborted itself.
 */
class TlsServerCloseTest extends TlsFixture {
  @Test
  void closingTheServerReportsNoErrorForAHandshakeItAborted() throws Exception {
    IpcServer server = startServer(config(serverAuthOnly().build()).maxConnections(1));
    int port = ((Endpoint.Tcp) server.endpoint()).port();
    try (Socket silent = new Socket();
        Socket extra = new Socket()) {
      silent.connect(new InetSocketAddress("127.0.0.1", port), 3000);
      // Sockets in their handshake are not listed; the refusal of a second one shows the first
      // was admitted and now waits in its handshake.
      extra.connect(new InetSocketAddress("127.0.0.1", port), 3000);
      EventRecorder.Event refusal = serverEvents.next("server", "error");
      assertThat(refusal.socket()).isNull();
      assertThat((Throwable) refusal.data()).hasMessageContaining("maxConnections (1) reached");
      assertThat(server.sockets()).isEmpty();

      server.close();

      serverEvents.assertNoEventWithin(QUIET);
    }
  }
}
