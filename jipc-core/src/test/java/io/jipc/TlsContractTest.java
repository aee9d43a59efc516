package io.jipc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.testing.EventRecorder;
import io.jipc.testing.TestPki;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * TLS as node-ipc 14 sets it up, over live sockets: a server that only authenticates itself, and
 * mutual TLS, where the server checks client certificates and refuses clients without a valid one:
 * it reports each refusal as an error without a socket, never connects them, and goes on serving.
 */
class TlsContractTest extends TlsFixture {

  @Test
  void serverAuthOnlyClientConnectsAfterTheHandshakeAndSeesTheServerChain() throws Exception {
    IpcServer server = startServer(config(serverAuthOnly().build()));
    EventRecorder events = new EventRecorder();
    IpcClient client = newClient(server.endpoint(), config(trustingCa().build()), events);
    AtomicReference<List<X509Certificate>> atConnect = new AtomicReference<>();
    client.on("connect", () -> atConnect.set(client.peerCertificates()));
    client.connect().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    events.next("client", "connect");
    IpcSocket socket = serverEvents.next("server", "connect").socket();

    List<X509Certificate> chain = atConnect.get();
    assertThat(leafSubject(chain)).isEqualTo("CN=jipc test server");
    assertThat(chain).hasSize(2);
    assertThat(chain.get(1).getSubjectX500Principal().getName()).isEqualTo("CN=jipc test CA");
    assertThat(socket.peerCertificates()).as("a client without a certificate").isEmpty();
    assertExchanges(new Client(client, events, socket));
  }

  @Test
  void mutualTlsServerSeesTheClientCertificate() throws Exception {
    IpcServer server = startServer(config(PKI.serverOptions()));
    Client client = connectClient(server, config(PKI.clientOptions()));

    assertThat(leafSubject(client.socket().peerCertificates())).isEqualTo("CN=jipc test client");
    assertThat(leafSubject(client.ipc().peerCertificates())).isEqualTo("CN=jipc test server");
    assertExchanges(client);
  }

  /**
   * In TLS 1.2 the server's verdict on the client certificate is part of the handshake the client
   * waits for, so a refused client never connects: it reports a handshake failure and retries, up
   * to maxRetries; the server reports each refusal and keeps serving.
   */
  @Test
  void mutualTlsServerRefusesClientWithoutCertificateDuringTheHandshake() throws Exception {
    IpcServer server = startServer(config(PKI.serverOptions()));
    EventRecorder events = new EventRecorder();
    IpcConfig.Builder noCertificate = config(trustingCa().protocols("TLSv1.2").build());
    IpcClient refused = newClient(server.endpoint(), noCertificate.maxRetries(2), events);
    Throwable failure = failureOf(refused.connect());

    assertThat(failure).isInstanceOf(SSLHandshakeException.class);
    for (int attempt = 0; attempt < 3; attempt++) {
      assertThat((Throwable) events.next("client", "error").data())
          .isInstanceOf(SSLHandshakeException.class)
          .hasMessageContaining("TLS handshake with server " + server.endpoint() + " failed: ");
      events.next("client", "disconnect");
      assertHandshakeFailedOnServer(server, "Empty client certificate chain");
    }
    events.next("client", "destroy");
    events.assertExhausted();
    serverEvents.assertExhausted();

    assertServes(server, config(PKI.clientOptions()));
  }

  /**
   * The refused client's reason is the server's alert (JDK 17 sends bad_certificate, JDK 25
   * handshake_failure), never a "Broken pipe": the client sends its whole flight in one write, so
   * the server closes with nothing unread and the client can read the alert.
   */
  @Test
  void refusedTls12ClientReportsTheServersAlertAsTheReason() throws Exception {
    IpcServer server = startServer(config(PKI.serverOptions()));
    EventRecorder events = new EventRecorder();
    IpcConfig.Builder noCertificate = config(trustingCa().protocols("TLSv1.2").build());
    IpcClient refused = newClient(server.endpoint(), noCertificate.maxRetries(9), events);
    failureOf(refused.connect());

    List<String> reasons = new ArrayList<>();
    for (int attempt = 0; attempt < 10; attempt++) {
      reasons.add(((Throwable) events.next("client", "error").data()).getMessage());
      events.next("client", "disconnect");
    }
    assertThat(reasons)
        .as("reasons of 10 refused handshakes")
        .allMatch(reason -> reason.contains("Received fatal alert"), "names the server's alert");
  }

  /**
   * The JDK's client offers only a certificate issued by a CA the server names in its request, so a
   * client whose certificate comes from another CA presents none and is refused as such.
   */
  @Test
  void mutualTlsServerRefusesClientSignedByAnotherCa() throws Exception {
    IpcServer server = startServer(config(PKI.serverOptions()));
    EventRecorder events = new EventRecorder();
    TlsOptions otherCa =
        PKI.otherCaClient().tls().trustedConnections(PKI.caFile()).protocols("TLSv1.2").build();
    IpcClient refused = newClient(server.endpoint(), config(otherCa).maxRetries(0), events);

    assertThat(failureOf(refused.connect())).isInstanceOf(SSLHandshakeException.class);
    assertThat((Throwable) events.next("client", "error").data())
        .hasMessageContaining("TLS handshake with server " + server.endpoint());
    events.next("client", "disconnect");
    events.next("client", "destroy");
    assertHandshakeFailedOnServer(server, "Empty client certificate chain");

    assertServes(server, config(PKI.clientOptions()));
  }

  /**
   * In TLS 1.3 a client's handshake ends with its own Finished; the server checks the (empty)
   * client certificate after that. So the refused jipc client does connect, then reads the server's
   * alert (or the reset that follows it) as the connection's failure. The server never connects it.
   */
  @Test
  void mutualTlsRefusalReachesTls13ClientAfterItsHandshake() throws Exception {
    IpcServer server = startServer(config(PKI.serverOptions()));
    EventRecorder events = new EventRecorder();
    IpcConfig.Builder noCertificate = config(trustingCa().protocols("TLSv1.3").build());
    IpcClient refused = newClient(server.endpoint(), noCertificate.maxRetries(0), events);
    refused.connect();

    events.next("client", "connect");
    assertThat(events.next("client", "error").data()).isInstanceOf(IOException.class);
    events.next("client", "disconnect");
    events.next("client", "destroy");
    events.assertExhausted();
    assertHandshakeFailedOnServer(server, "Empty client certificate chain");
    serverEvents.assertExhausted();

    assertServes(server, config(PKI.clientOptions()));
  }

  /**
   * Each of those TLS 1.3 attempts counts as a connect, which resets the retry budget (as node-ipc
   * resets it on every connect): a refused TLS 1.3 client goes on retrying past maxRetries until it
   * is closed or told to stop.
   */
  @Test
  void refusedTls13ClientRetriesPastMaxRetriesBecauseEachAttemptConnects() throws Exception {
    IpcServer server = startServer(config(PKI.serverOptions()));
    EventRecorder events = new EventRecorder();
    IpcConfig.Builder noCertificate = config(trustingCa().protocols("TLSv1.3").build());
    IpcClient refused = newClient(server.endpoint(), noCertificate.maxRetries(1), events);
    refused.connect();

    for (int attempt = 0; attempt < 4; attempt++) {
      events.skipTo("client", "connect");
      events.skipTo("client", "error");
    }
    refused.stopRetrying();
    events.skipTo("client", "destroy");
  }

  @Test
  void requestCertWithoutRejectUnauthorizedAdmitsClientsWithAndWithoutCertificates()
      throws Exception {
    TestPki.Identity identity = PKI.server();
    TlsOptions lenient =
        identity.tls().trustedConnections(PKI.caFile()).rejectUnauthorized(false).build();
    IpcServer server = startServer(config(lenient));

    Client anonymous = assertServes(server, config(trustingCa().build()));
    assertThat(anonymous.socket().peerCertificates()).isEmpty();
    Client stranger =
        assertServes(
            server, config(PKI.otherCaClient().tls().trustedConnections(PKI.caFile()).build()));
    assertThat(leafSubject(stranger.socket().peerCertificates()))
        .isEqualTo("CN=jipc test other-ca-client");
  }
}
