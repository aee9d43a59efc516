package io.jipc.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.jipc.Endpoint;
import io.jipc.IpcProtocolException;
import io.jipc.TlsOptions;
import io.jipc.testing.TestPki;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TlsEngines: node-ipc 14's TLS rules (own key required, mutual TLS by default with CAs, assured
 * refusals), engine settings, and real handshakes between two engines driven in memory.
 */
class TlsEnginesTest {
  private static final TestPki PKI = TestPki.shared();
  private static final String ENDPOINT = Endpoint.tcp("127.0.0.1", 8000).toString();

  @Test
  void serverWithoutKeyIsRefused() {
    TlsOptions options = TlsOptions.builder().trustedConnections(PKI.caFile()).build();
    assertRefused(() -> server(options), IpcProtocolException.TLS_CONFIGURATION)
        .hasMessageContaining("TLS server on 127.0.0.1:8000 needs a key and certificate")
        .hasMessageContaining("jipc has no built-in key");
  }

  @Test
  void serverGivenTrustedCasRequiresClientCertificates() throws Exception {
    SSLEngine engine = server(PKI.serverOptions()).newEngine(null, -1);
    assertThat(engine.getUseClientMode()).isFalse();
    assertThat(engine.getNeedClientAuth()).isTrue();
  }

  @Test
  void serverWithoutCasDoesNotAskForCertificates() throws Exception {
    SSLEngine engine = server(PKI.server().tls().build()).newEngine(null, -1);
    assertThat(engine.getNeedClientAuth()).isFalse();
    assertThat(engine.getWantClientAuth()).isFalse();
  }

  @Test
  void requestCertFalseOverridesTheDefault() throws Exception {
    TlsOptions options =
        PKI.server().tls().trustedConnections(PKI.caFile()).requestCert(false).build();
    SSLEngine engine = server(options).newEngine(null, -1);
    assertThat(engine.getNeedClientAuth()).isFalse();
    assertThat(engine.getWantClientAuth()).isFalse();
  }

  @Test
  void rejectUnauthorizedFalseOnlyWantsClientCertificates() throws Exception {
    TlsOptions options =
        PKI.server().tls().trustedConnections(PKI.caFile()).rejectUnauthorized(false).build();
    SSLEngine engine = server(options).newEngine(null, -1);
    assertThat(engine.getNeedClientAuth()).isFalse();
    assertThat(engine.getWantClientAuth()).isTrue();
  }

  @Test
  void aServerWithoutMutualVerifyingTlsReportsWhatItLacks() {
    PeerGuarantee.Tls noCas = TlsEngines.guarantee(PKI.server().tls().build(), true, ENDPOINT);
    assertThat(noCas.where()).isEqualTo("TLS server on 127.0.0.1:8000");
    assertThat(noCas.shortfalls()).anyMatch(why -> why.startsWith("no trusted CAs"));
    TlsOptions noRequest =
        PKI.server().tls().trustedConnections(PKI.caFile()).requestCert(false).build();
    assertThat(TlsEngines.guarantee(noRequest, true, ENDPOINT).shortfalls())
        .containsExactly("requestCert is false");
    TlsOptions noReject =
        PKI.server().tls().trustedConnections(PKI.caFile()).rejectUnauthorized(false).build();
    assertThat(TlsEngines.guarantee(noReject, true, ENDPOINT).shortfalls())
        .containsExactly("rejectUnauthorized is false");
    assertThat(TlsEngines.guarantee(PKI.serverOptions(), true, ENDPOINT).shortfalls()).isEmpty();
  }

  @Test
  void aClientReportsMissingCasOwnKeyAndVerification() throws Exception {
    TlsOptions noKey = TlsOptions.builder().trustedConnections(PKI.caFile()).build();
    PeerGuarantee.Tls keyless = TlsEngines.guarantee(noKey, false, ENDPOINT);
    assertThat(keyless.where()).isEqualTo("TLS client of 127.0.0.1:8000");
    assertThat(keyless.shortfalls())
        .containsExactly(
            "no key and certificate of its own (tls.private/tls.public or a key store)");
    assertThat(TlsEngines.guarantee(PKI.client().tls().build(), false, ENDPOINT).shortfalls())
        .anyMatch(why -> why.startsWith("no trusted CAs"));
    TlsOptions noReject =
        PKI.client().tls().trustedConnections(PKI.caFile()).rejectUnauthorized(false).build();
    assertThat(TlsEngines.guarantee(noReject, false, ENDPOINT).shortfalls())
        .containsExactly("rejectUnauthorized is false");
    assertThat(TlsEngines.guarantee(PKI.clientOptions(), false, ENDPOINT).shortfalls()).isEmpty();
    assertThat(TlsEngines.forClient(PKI.clientOptions(), ENDPOINT).verifiesPeer()).isTrue();
    assertThat(TlsEngines.forServer(PKI.serverOptions(), ENDPOINT).verifiesPeer()).isTrue();
  }

  @Test
  void clientEngineVerifiesHostNameAndSendsSniOnlyForNames() throws Exception {
    TlsEngines engines = client(PKI.clientOptions());
    SSLEngine byIp = engines.newEngine("127.0.0.1", 8000);
    assertThat(byIp.getUseClientMode()).isTrue();
    assertThat(byIp.getSSLParameters().getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
    assertThat(byIp.getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
    assertThat(byIp.getSSLParameters().getServerNames()).isEmpty();
    SSLEngine byName = engines.newEngine("localhost", 8000);
    assertThat(byName.getSSLParameters().getServerNames())
        .containsExactly(new SNIHostName("localhost"));
  }

  @Test
  void protocolsAndServerNameAreApplied() throws Exception {
    TlsOptions options =
        TlsOptions.builder().protocols("TLSv1.2").serverName("ipc.example").build();
    SSLEngine engine = client(options).newEngine("127.0.0.1", 8000);
    assertThat(engine.getEnabledProtocols()).containsExactly("TLSv1.2");
    assertThat(engine.getPeerHost()).isEqualTo("ipc.example");
    assertThat(engine.getSSLParameters().getServerNames())
        .containsExactly(new SNIHostName("ipc.example"));
  }

  @Test
  void missingFileIsNamedWithItsPath(@TempDir Path dir) {
    Path missing = dir.resolve("missing.pem");
    TlsOptions options =
        TlsOptions.builder().privateKey(PKI.server().keyFile()).publicCert(missing).build();
    assertRefused(() -> server(options), IpcProtocolException.TLS_CONFIGURATION)
        .hasMessage(
            "TLS server on 127.0.0.1:8000 cannot read tls.public "
                + missing
                + ": NoSuchFileException");
  }

  @Test
  void keyThatDoesNotMatchTheCertificateIsRefused() {
    TlsOptions options =
        TlsOptions.builder()
            .privateKey(PKI.client().keyFile())
            .publicCert(PKI.server().certFile())
            .build();
    assertRefused(() -> server(options), IpcProtocolException.TLS_CONFIGURATION)
        .hasMessageContaining("tls.private " + PKI.client().keyFile() + " does not match");
  }

  @Test
  void keyWithoutCertificateOnClientIsRefused() {
    TlsOptions options = TlsOptions.builder().privateKey(PKI.client().keyFile()).build();
    assertRefused(() -> client(options), IpcProtocolException.TLS_CONFIGURATION)
        .hasMessageContaining("TLS client of 127.0.0.1:8000 has a key but no certificate");
  }

  @Test
  void mutualHandshakeSucceedsWithTheRightCa() throws Exception {
    SSLEngine server = server(PKI.serverOptions()).newEngine(null, -1);
    SSLEngine client = client(PKI.clientOptions()).newEngine("127.0.0.1", 8000);
    handshake(client, server);
    assertThat(subject(client.getSession().getPeerCertificates()[0]))
        .isEqualTo("CN=jipc test server");
    assertThat(subject(server.getSession().getPeerCertificates()[0]))
        .isEqualTo("CN=jipc test client");
  }

  @Test
  void handshakeWorksByDnsNameWithPemTextRsaKeyAndTls12() throws Exception {
    TlsOptions serverOptions =
        TlsOptions.builder()
            .key(Files.readString(PKI.rsaServer().pkcs1KeyFile()))
            .cert(Files.readString(PKI.rsaServer().certFile()))
            .protocols("TLSv1.2")
            .build();
    TlsOptions clientOptions =
        TlsOptions.builder().ca(Files.readString(PKI.caFile())).protocols("TLSv1.2").build();
    SSLEngine server = server(serverOptions).newEngine(null, -1);
    SSLEngine client = client(clientOptions).newEngine("localhost", 8000);
    handshake(client, server);
    assertThat(client.getSession().getProtocol()).isEqualTo("TLSv1.2");
  }

  @Test
  void clientRejectsServerSignedByAnotherCa() throws Exception {
    assertClientRejects(PKI.otherCaServer(), "127.0.0.1")
        .hasMessageContaining("PKIX path building failed");
  }

  @Test
  void clientRejectsServerCertificateForAnotherHost() throws Exception {
    assertClientRejects(PKI.wrongHostServer(), "127.0.0.1").hasMessageContaining("127.0.0.1");
    assertClientRejects(PKI.wrongHostServer(), "localhost").hasMessageContaining("localhost");
  }

  @Test
  void clientRejectsExpiredServerCertificate() throws Exception {
    assertClientRejects(PKI.expiredServer(), "127.0.0.1")
        .hasRootCauseInstanceOf(CertificateExpiredException.class);
  }

  @Test
  void clientWithRejectUnauthorizedFalseAcceptsAnyServer() throws Exception {
    SSLEngine server = server(PKI.otherCaServer().tls().build()).newEngine(null, -1);
    TlsOptions options =
        TlsOptions.builder().trustedConnections(PKI.caFile()).rejectUnauthorized(false).build();
    SSLEngine client = client(options).newEngine("localhost", 8000);
    handshake(client, server);
    assertThat(client.getSSLParameters().getEndpointIdentificationAlgorithm()).isNull();
  }

  @Test
  void mutualTlsServerRejectsClientWithoutCertificate() throws Exception {
    SSLEngine server = server(PKI.serverOptions()).newEngine(null, -1);
    TlsOptions options = TlsOptions.builder().trustedConnections(PKI.caFile()).build();
    SSLEngine client = client(options).newEngine("127.0.0.1", 8000);
    assertThatThrownBy(() -> handshake(client, server))
        .isInstanceOf(SSLHandshakeException.class)
        .hasMessageStartingWith("server:");
  }

  @Test
  void mutualTlsServerRejectsClientSignedByAnotherCa() throws Exception {
    SSLEngine server = server(PKI.serverOptions()).newEngine(null, -1);
    TlsOptions options = PKI.otherCaClient().tls().trustedConnections(PKI.caFile()).build();
    SSLEngine client = client(options).newEngine("127.0.0.1", 8000);
    assertThatThrownBy(() -> handshake(client, server))
        .isInstanceOf(SSLHandshakeException.class)
        .hasMessageStartingWith("server:");
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertClientRejects(
      TestPki.Identity serverIdentity, String host) throws Exception {
    SSLEngine server = server(serverIdentity.tls().build()).newEngine(null, -1);
    TlsOptions options = TlsOptions.builder().trustedConnections(PKI.caFile()).build();
    SSLEngine client = client(options).newEngine(host, 8000);
    return assertThatThrownBy(() -> handshake(client, server))
        .isInstanceOf(SSLHandshakeException.class)
        .hasMessageStartingWith("client:");
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(
      ThrowingCallable call, String code) {
    return assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            IpcProtocolException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  private static TlsEngines server(TlsOptions options) throws Exception {
    return TlsEngines.forServer(options, ENDPOINT);
  }

  private static TlsEngines client(TlsOptions options) throws Exception {
    return TlsEngines.forClient(options, ENDPOINT);
  }

  private static String subject(Certificate certificate) {
    return ((X509Certificate) certificate).getSubjectX500Principal().getName();
  }

  /**
   * Runs a handshake between two engines in memory until neither has anything left to send. An
   * engine's failure is rethrown as the same type with "client: " or "server: " before its message.
   */
  private static void handshake(SSLEngine client, SSLEngine server) throws SSLException {
    ByteBuffer toServer = ByteBuffer.allocate(client.getSession().getPacketBufferSize() * 4);
    ByteBuffer toClient = ByteBuffer.allocate(server.getSession().getPacketBufferSize() * 4);
    client.beginHandshake();
    server.beginHandshake();
    for (int round = 0; round < 100; round++) {
      boolean moved = step("client", client, toClient, toServer);
      moved |= step("server", server, toServer, toClient);
      if (!moved && done(client) && done(server)) {
        return;
      }
    }
    fail("handshake did not settle in 100 rounds");
  }

  /** Lets one engine send what it wants, then read what it was sent; true if bytes moved. */
  private static boolean step(String side, SSLEngine engine, ByteBuffer in, ByteBuffer out)
      throws SSLException {
    ByteBuffer app = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    try {
      boolean moved = engine.wrap(ByteBuffer.allocate(0), out).bytesProduced() > 0;
      runTasks(engine);
      in.flip();
      try {
        while (in.hasRemaining() && engine.unwrap(in, app).bytesConsumed() > 0) {
          runTasks(engine);
          moved = true;
        }
      } finally {
        in.compact();
      }
      return moved;
    } catch (SSLHandshakeException e) {
      throw (SSLHandshakeException)
          new SSLHandshakeException(side + ": " + e.getMessage()).initCause(e);
    } catch (SSLException e) {
      throw new SSLException(side + ": " + e.getMessage(), e);
    }
  }

  private static void runTasks(SSLEngine engine) {
    Runnable task;
    while ((task = engine.getDelegatedTask()) != null) {
      task.run();
    }
  }

  private static boolean done(SSLEngine engine) {
    return engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING;
  }
}
