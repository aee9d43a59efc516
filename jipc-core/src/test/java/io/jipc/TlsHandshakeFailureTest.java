package io.jipc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.testing.EventRecorder;
import io.jipc.testing.ScriptedPeer;
import io.jipc.testing.TestPki;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Handshakes that fail from the client's view: the server's certificate does not verify, or does
 * not name the host. Each fails the attempt with an error naming the endpoint and the reason; with
 * maxRetries(0) the connect future fails with it. The server reports its side of the failed
 * handshake without a socket and never fires connect. Also serverName and rejectUnauthorized, which
 * change what the client checks.
 */
class TlsHandshakeFailureTest extends TlsFixture {

  static Stream<Arguments> unverifiableServers() {
    return Stream.of(
        Arguments.of("signed by an unknown CA", PKI.otherCaServer(), "PKIX path building failed"),
        Arguments.of("expired", PKI.expiredServer(), "validity check failed"),
        Arguments.of(
            "named for another host",
            PKI.wrongHostServer(),
            "No subject alternative names matching IP address 127.0.0.1 found"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unverifiableServers")
  void clientRefusesServerWhoseCertificateDoesNotVerify(
      String why, TestPki.Identity identity, String reason) throws Exception {
    IpcServer server = startServer(config(identity.tls().build()));

    Throwable failure = refusedByClient(server, config(trustingCa().build()));

    assertThat(failure)
        .isInstanceOf(SSLHandshakeException.class)
        .hasMessageStartingWith("TLS handshake with server " + server.endpoint() + " failed: ")
        .hasMessageContaining(reason);
  }

  @Test
  void serverNameIsVerifiedInsteadOfTheAddressConnectedTo() throws Exception {
    IpcServer server = startServer(config(PKI.wrongHostServer().tls().build()));
    Client client = connectClient(server, config(trustingCa().serverName("wrong.example").build()));

    assertThat(leafSubject(client.ipc().peerCertificates())).isEqualTo("CN=jipc test wrong-host");
    assertExchanges(client);
  }

  @Test
  void serverNameLocalhostMatchesTheDnsNameWhenConnectingTo127001() throws Exception {
    IpcServer server = startServer(config(serverAuthOnly().build()));
    Client client = connectClient(server, config(trustingCa().serverName("localhost").build()));

    assertThat(leafSubject(client.ipc().peerCertificates())).isEqualTo("CN=jipc test server");
    assertExchanges(client);
  }

  @Test
  void serverNameThatTheCertificateDoesNotNameIsRefused() throws Exception {
    IpcServer server = startServer(config(serverAuthOnly().build()));

    Throwable failure =
        refusedByClient(server, config(trustingCa().serverName("elsewhere.example").build()));

    assertThat(failure)
        .hasMessageStartingWith("TLS handshake with server " + server.endpoint() + " failed: ")
        .hasMessageContaining("elsewhere.example");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unverifiableServers")
  void rejectUnauthorizedFalseAcceptsAnyServerAndStillReturnsItsChain(
      String why, TestPki.Identity identity, String reason) throws Exception {
    IpcServer server = startServer(config(identity.tls().build()));
    TlsOptions lenient = trustingCa().rejectUnauthorized(false).build();
    Client client = connectClient(server, config(lenient));

    String name = identity.certFile().getFileName().toString().replace(".crt.pem", "");
    assertThat(leafSubject(client.ipc().peerCertificates())).isEqualTo("CN=jipc test " + name);
    assertExchanges(client);
  }

  @Test
  void clientAndServerWithoutACommonProtocolVersionFailTheHandshake() throws Exception {
    IpcServer server = startServer(config(serverAuthOnly().protocols("TLSv1.2").build()));

    Throwable failure = refusedByClient(server, config(trustingCa().protocols("TLSv1.3").build()));

    assertThat(failure)
        .hasMessageStartingWith("TLS handshake with server " + server.endpoint() + " failed: ")
        .hasMessageContaining("protocol_version");
  }

  @Test
  void plainTcpClientIsRefusedWithAMismatchErrorAndTheServerGoesOn() throws Exception {
    IpcServer server = startServer(config(serverAuthOnly().build()));
    ScriptedPeer plain = closeLater(ScriptedPeer.connect(server.endpoint()));
    plain.send("{\"type\":\"hello\",\"data\":\"in the clear\"}\f");

    EventRecorder.Event error = serverEvents.next("server", "error");
    assertThat(error.socket()).as("socket of a failed handshake").isNull();
    assertThat((Throwable) error.data())
        .isInstanceOf(IpcProtocolException.class)
        .hasMessageContaining("does not speak TLS (it sent 7b 22 74 79 70 65 22 3a");
    byte[] answer = plain.readToEof(WAIT);
    assertThat(answer).as("the server's alert").isNotEmpty();
    assertThat(answer[0]).as("record type of the answer: an alert").isEqualTo((byte) 21);
    serverEvents.assertExhausted();
    assertServes(server, config(trustingCa().build()));
  }

  /**
   * Connects a client with maxRetries(0) that must fail its handshake; asserts its events (error,
   * disconnect, destroy), that the connect future failed with the same error, and that the server
   * reported a failed handshake and no connect. Returns the failure.
   */
  private Throwable refusedByClient(IpcServer server, IpcConfig.Builder config) throws Exception {
    EventRecorder events = new EventRecorder();
    IpcClient client = newClient(server.endpoint(), config.maxRetries(0), events);
    Throwable failure = failureOf(client.connect());
    assertThat(events.next("client", "error").data()).isSameAs(failure);
    events.next("client", "disconnect");
    events.next("client", "destroy");
    events.assertExhausted();
    assertThat(client.isConnected()).isFalse();
    assertHandshakeFailedOnServer(server, "");
    serverEvents.assertExhausted();
    return failure;
  }
}
