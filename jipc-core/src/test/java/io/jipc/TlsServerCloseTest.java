package io.jipc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A socket still in its TLS handshake when the server closes is ended by that close; the server
 * reports no error for a handshake it aborted itself.
 */
class TlsServerCloseTest extends TlsFixture {
  @Test
  void closingTheServerReportsNoErrorForAHandshakeItAborted() throws Exception {
    BlockingQueue<String> log = new LinkedBlockingQueue<>();
    IpcServer server =
        startServer(config(serverAuthOnly().build()).maxConnections(1).logger(log::add));
    int port = ((Endpoint.Tcp) server.endpoint()).port();
    try (Socket silent = new Socket();
        Socket extra = new Socket()) {
      silent.connect(new InetSocketAddress("127.0.0.1", port), 3000);
      // Sockets in their handshake are not listed; the refusal of a second one shows the first
      // was admitted and now waits in its handshake on its own thread.
      extra.connect(new InetSocketAddress("127.0.0.1", port), 3000);
      String line;
      do {
        line = log.poll(5, TimeUnit.SECONDS);
        assertThat(line).as("the refusal of the second connection").isNotNull();
      } while (!line.contains("maxConnections (1) reached"));
      assertThat(server.sockets()).isEmpty();

      server.close();

      serverEvents.assertNoEventWithin(QUIET);
    }
  }
}
