package io.jipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jipc.testing.EventRecorder;
import io.jipc.testing.TestSslContexts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where TLS keys come from (PEM files in every key format node's openssl writes, PEM text, PKCS#12
 * key stores, a ready SSLContext), and configurations refused before any byte is sent: a server
 * without a key, a missing file, the assured profile without mutual TLS or over plain TCP.
 */
class TlsKeyMaterialTest extends TlsFixture {
  private static final char[] PASSWORD = "store secret".toCharArray();

  @Test
  void serverWithPkcs1RsaKeyFile() throws Exception {
    TlsOptions rsa =
        TlsOptions.builder()
            .privateKey(PKI.rsaServer().pkcs1KeyFile())
            .publicCert(PKI.rsaServer().certFile())
            .build();
    IpcServer server = startServer(config(rsa));
    Client client = assertServes(server, config(trustingCa().build()));

    assertThat(leafSubject(client.ipc().peerCertificates())).isEqualTo("CN=jipc test rsa-server");
    assertThat(client.ipc().peerCertificates().get(0).getPublicKey().getAlgorithm())
        .isEqualTo("RSA");
  }

  @Test
  void serverWithSec1EcKeyFile() throws Exception {
    TlsOptions ec =
        TlsOptions.builder()
            .privateKey(PKI.server().sec1KeyFile())
            .publicCert(PKI.server().certFile())
            .build();
    IpcServer server = startServer(config(ec));
    Client client = assertServes(server, config(trustingCa().build()));

    assertThat(client.ipc().peerCertificates().get(0).getPublicKey().getAlgorithm())
        .isEqualTo("EC");
  }

  @Test
  void pemTextOnBothSides() throws Exception {
    TlsOptions server =
        TlsOptions.builder()
            .key(Files.readString(PKI.server().keyFile()))
            .cert(Files.readString(PKI.server().certFile()))
            .ca(Files.readString(PKI.caFile()))
            .build();
    TlsOptions client =
        TlsOptions.builder()
            .key(Files.readString(PKI.client().keyFile()))
            .cert(Files.readString(PKI.client().certFile()))
            .ca(Files.readString(PKI.caFile()))
            .build();
    Client connected = assertServes(startServer(config(server)), config(client));

    assertThat(leafSubject(connected.socket().peerCertificates())).isEqualTo("CN=jipc test client");
  }

  @Test
  void serverKeyFromPkcs12StoreAndClientTrustFromTrustStore() throws Exception {
    KeyStore keys = TestSslContexts.pkcs12(PKI.server(), PASSWORD);
    IpcServer server = startServer(config(TlsOptions.builder().keyStore(keys, PASSWORD).build()));
    KeyStore trust = TestSslContexts.trustStore(PKI.caFile());
    Client client = assertServes(server, config(TlsOptions.builder().trustStore(trust).build()));

    assertThat(leafSubject(client.ipc().peerCertificates())).isEqualTo("CN=jipc test server");
  }

  @Test
  void mutualTlsWithKeyStoresOnBothSides() throws Exception {
    KeyStore trust = TestSslContexts.trustStore(PKI.caFile());
    TlsOptions server =
        TlsOptions.builder()
            .keyStore(TestSslContexts.pkcs12(PKI.server(), PASSWORD), PASSWORD)
            .trustStore(trust)
            .build();
    TlsOptions client =
        TlsOptions.builder()
            .keyStore(TestSslContexts.pkcs12(PKI.client(), PASSWORD), PASSWORD)
            .trustStore(trust)
            .build();
    Client connected = assertServes(startServer(config(server)), config(client));

    assertThat(leafSubject(connected.socket().peerCertificates())).isEqualTo("CN=jipc test client");
  }

  @Test
  void readySslContextsOnBothSides() throws Exception {
    TlsOptions server =
        TlsOptions.builder().sslContext(TestSslContexts.of(PKI.server(), PKI.caFile())).build();
    TlsOptions client =
        TlsOptions.builder().sslContext(TestSslContexts.trusting(PKI.caFile())).build();
    Client connected = assertServes(startServer(config(server)), config(client));

    assertThat(leafSubject(connected.ipc().peerCertificates())).isEqualTo("CN=jipc test server");
  }

  @Test
  void serverWithoutKeyAndCertificateDoesNotStart() {
    IpcServer server = closeLater(IpcServer.create(local(), config(trustingCa().build()).build()));
    serverEvents.record(server, "server");

    assertThatThrownBy(server::start)
        .isInstanceOfSatisfying(
            IpcProtocolException.class,
            e -> assertThat(e.code()).isEqualTo(IpcProtocolException.TLS_CONFIGURATION))
        .hasMessageContaining("TLS server on " + local())
        .hasMessageContaining("needs a key and certificate");
    serverEvents.assertExhausted();
  }

  @Test
  void missingKeyFileIsNamedWhenTheServerStarts(@TempDir Path dir) {
    Path missing = dir.resolve("missing.key.pem");
    TlsOptions tls =
        TlsOptions.builder().privateKey(missing).publicCert(PKI.server().certFile()).build();
    IpcServer server = closeLater(IpcServer.create(local(), config(tls).build()));

    assertThatThrownBy(server::start)
        .isInstanceOfSatisfying(
            IpcProtocolException.class,
            e -> assertThat(e.code()).isEqualTo(IpcProtocolException.TLS_CONFIGURATION))
        .hasMessageContaining("TLS server on " + local())
        .hasMessageContaining(missing.toString());
  }

  @Test
  void missingTrustFileFailsTheClientWithoutRetrying(@TempDir Path dir) throws Exception {
    IpcServer server = startServer(config(serverAuthOnly().build()));
    Path missing = dir.resolve("missing-ca.pem");
    TlsOptions tls = TlsOptions.builder().trustedConnections(missing).build();

    IpcProtocolException failure =
        refusedAtConnect(server.endpoint(), config(tls), IpcProtocolException.TLS_CONFIGURATION);
    assertThat(failure)
        .hasMessageContaining("TLS client of " + server.endpoint())
        .hasMessageContaining(missing.toString());
    serverEvents.assertNoEventWithin(QUIET);
  }

  @Test
  void assuredServerRefusesServerAuthOnlyTls() {
    IpcConfig assured = assured(config(serverAuthOnly().build())).build();
    IpcServer server = closeLater(IpcServer.create(local(), assured));

    assertThatThrownBy(server::start)
        .isInstanceOfSatisfying(
            IpcProtocolException.class,
            e -> assertThat(e.code()).isEqualTo(IpcProtocolException.ASSURED_TLS))
        .hasMessageContaining("TLS server on " + local())
        .hasMessageContaining("requestCert is false");
  }

  @Test
  void assuredClientWithoutItsOwnKeyIsRefusedWithoutRetrying() throws Exception {
    IpcServer server = startServer(assured(config(PKI.serverOptions())));

    IpcProtocolException failure =
        refusedAtConnect(
            server.endpoint(),
            assured(config(trustingCa().build())),
            IpcProtocolException.ASSURED_TLS);
    assertThat(failure).hasMessageContaining("no key and certificate of its own");
  }

  @Test
  void assuredProfileWorksOverMutualTls() throws Exception {
    IpcServer server = startServer(assured(config(PKI.serverOptions())));
    assertServes(server, assured(config(PKI.clientOptions())));
  }

  @Test
  void assuredProfileRefusesPlainTcpOnBothSides() throws Exception {
    IpcServer server = closeLater(IpcServer.create(local(), assured(config(null)).build()));
    assertThatThrownBy(server::start)
        .isInstanceOfSatisfying(
            IpcProtocolException.class,
            e -> assertThat(e.code()).isEqualTo(IpcProtocolException.ASSURED_TRANSPORT))
        .hasMessageContaining(local() + " is plain TCP");

    Endpoint nowhere = Endpoint.tcp("127.0.0.1", 9);
    IpcProtocolException failure =
        refusedAtConnect(nowhere, assured(config(null)), IpcProtocolException.ASSURED_TRANSPORT);
    assertThat(failure).hasMessageContaining(nowhere + " is plain TCP");
  }

  private static IpcConfig.Builder assured(IpcConfig.Builder config) {
    return config.profile(Profile.ASSURED).allowedEvents("ping", "pong");
  }

  /**
   * Connects a client with unbounded retries that must be refused with {@code code} before any byte
   * is sent; asserts that it reports it once and gives up (error, disconnect, destroy).
   */
  private IpcProtocolException refusedAtConnect(
      Endpoint endpoint, IpcConfig.Builder config, String code) throws Exception {
    EventRecorder events = new EventRecorder();
    IpcClient client = newClient(endpoint, config, events);
    Throwable failure = failureOf(client.connect());

    assertThat(failure).isInstanceOf(IpcProtocolException.class);
    assertThat(((IpcProtocolException) failure).code()).isEqualTo(code);
    assertThat(events.next("client", "error").data()).isSameAs(failure);
    events.next("client", "disconnect");
    events.next("client", "destroy");
    events.assertNoEventWithin(QUIET);
    return (IpcProtocolException) failure;
  }
}
