package io.jipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jipc.testing.TempEndpoints;
import io.jipc.testing.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every start-up refusal of the assured profile, each with node-ipc 14's code: an endpoint that
 * cannot give assured's guarantees is refused before a byte moves, never silently weakened.
 */
class AssuredRefusalsTest {
  private static final TestPki PKI = TestPki.shared();

  private final TempEndpoints endpoints = new TempEndpoints();

  @AfterEach
  void cleanUp() {
    endpoints.close();
  }

  private IpcConfig.Builder assured() {
    return IpcConfig.builder()
        .profile(Profile.ASSURED)
        .allowedEvents("ping")
        .socketRoot(endpoints.dir())
        .silent(true)
        .retry(Duration.ofMillis(50))
        .connectTimeout(Duration.ofSeconds(3));
  }

  @Test
  void withoutAllowedEventsTheConfigIsRefused() {
    assertThatThrownBy(() -> IpcConfig.builder().profile(Profile.ASSURED).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("allowedEvents");
  }

  @Test
  void aUnixSocketOutsideTheSocketRootIsRefused() throws Exception {
    Path nested = Files.createDirectory(endpoints.dir().resolve("nested"));
    Endpoint endpoint = Endpoint.unix(nested.resolve("s.sock"));
    try (IpcServer server = IpcServer.create(endpoint, assured().build())) {
      assertThatThrownBy(server::start)
          .isInstanceOfSatisfying(
              IpcProtocolException.class,
              e -> assertThat(e.code()).isEqualTo(IpcProtocolException.ASSURED_TRANSPORT))
          .hasMessageContaining(endpoint.toString());
    }
    assertThat(nested.resolve("s.sock")).doesNotExist();
  }

  @Test
  void anAssuredClientMayOpenASocketOutsideItsOwnSocketRoot() throws Exception {
    Path nested = Files.createDirectory(endpoints.dir().resolve("elsewhere"));
    Endpoint endpoint = Endpoint.unix(nested.resolve("s.sock"));
    IpcConfig guarded = IpcConfig.builder().silent(true).secureSocketRoot(false).build();
    try (IpcServer server = IpcServer.create(endpoint, guarded);
        IpcClient client = IpcClient.create(endpoint, assured().build())) {
      server.start();
      client.connect().get(5, TimeUnit.SECONDS);
      assertThat(client.isConnected()).isTrue();
    }
  }

  @Test
  void aUnixSocketWithoutSecureSocketRootIsRefused() {
    try (IpcServer server =
        IpcServer.create(endpoints.unix(), assured().secureSocketRoot(false).build())) {
      assertThatThrownBy(server::start)
          .isInstanceOfSatisfying(
              IpcProtocolException.class,
              e -> assertThat(e.code()).isEqualTo(IpcProtocolException.ASSURED_TRANSPORT))
          .hasMessageContaining("secureSocketRoot");
    }
  }

  @Test
  void aUnixSocketDirectlyInTheSecureRootIsAccepted() throws Exception {
    try (IpcServer server = IpcServer.create(endpoints.unix(), assured().build())) {
      server.start();
      assertThat(server.endpoint()).isInstanceOf(Endpoint.Unix.class);
    }
  }

  @Test
  void plainTcpIsRefusedOnBothSides() {
    try (IpcServer server = IpcServer.create(endpoints.tcp(), assured().build())) {
      assertThatThrownBy(server::start)
          .isInstanceOfSatisfying(
              IpcProtocolException.class,
              e -> assertThat(e.code()).isEqualTo(IpcProtocolException.ASSURED_TRANSPORT));
    }
    try (IpcClient client =
        IpcClient.create(Endpoint.tcp("127.0.0.1", 9), assured().maxRetries(5).build())) {
      assertThatThrownBy(() -> client.connect().get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOfSatisfying(
              IpcProtocolException.class,
              e -> assertThat(e.code()).isEqualTo(IpcProtocolException.ASSURED_TRANSPORT));
    }
  }

  @Test
  void udpIsRefused() {
    try (IpcServer server = IpcServer.create(Endpoint.udp4("127.0.0.1", 0), assured().build())) {
      assertThatThrownBy(server::start)
          .isInstanceOfSatisfying(
              IpcProtocolException.class,
              e -> assertThat(e.code()).isEqualTo(IpcProtocolException.ASSURED_TRANSPORT));
    }
  }

  @Test
  void tlsWithoutClientCertificatesIsRefusedOnTheServer() {
    TlsOptions serverAuthOnly = PKI.server().tls().requestCert(false).build();
    try (IpcServer server =
        IpcServer.create(endpoints.tcp(), assured().tls(serverAuthOnly).build())) {
      assertThatThrownBy(server::start)
          .isInstanceOfSatisfying(
              IpcProtocolException.class,
              e -> assertThat(e.code()).isEqualTo(IpcProtocolException.ASSURED_TLS))
          .hasMessageContaining("requestCert");
    }
  }

  @Test
  void tlsWithVerificationOffIsRefusedOnTheServer() {
    TlsOptions unverified =
        PKI.server().tls().trustedConnections(PKI.caFile()).rejectUnauthorized(false).build();
    try (IpcServer server = IpcServer.create(endpoints.tcp(), assured().tls(unverified).build())) {
      assertThatThrownBy(server::start)
          .isInstanceOfSatisfying(
              IpcProtocolException.class,
              e -> assertThat(e.code()).isEqualTo(IpcProtocolException.ASSURED_TLS))
          .hasMessageContaining("rejectUnauthorized");
    }
  }

  @Test
  void aTlsClientWithoutItsOwnCertificateIsRefused() {
    TlsOptions noKey = TlsOptions.builder().trustedConnections(PKI.caFile()).build();
    try (IpcClient client =
        IpcClient.create(
            Endpoint.tcp("127.0.0.1", 9), assured().tls(noKey).maxRetries(5).build())) {
      assertThatThrownBy(() -> client.connect().get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOfSatisfying(
              IpcProtocolException.class,
              e -> assertThat(e.code()).isEqualTo(IpcProtocolException.ASSURED_TLS));
    }
  }
}
