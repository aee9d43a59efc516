package io.jipc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.Test;

/**
 * A TLS client whose engine cannot be set up after the TCP connect (a user's SSLContext whose
 * provider refuses the parameters) closes the socket it cannot use and reports a failed attempt,
 * instead of leaking the socket and losing its session thread.
 */
class TlsClientSetupFailureTest {
  @Test
  void engineFailureAfterTcpConnectClosesTheSocket() throws Exception {
    try (ServerSocket plain = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      IpcConfig config =
          IpcConfig.builder()
              .maxRetries(0)
              .connectTimeout(Duration.ofSeconds(3))
              .tls(TlsOptions.builder().sslContext(refusingEngines()).build())
              .build();
      try (IpcClient client =
          IpcClient.create(Endpoint.tcp("127.0.0.1", plain.getLocalPort()), config)) {
        client.connect();
        try (Socket accepted = plain.accept()) {
          accepted.setSoTimeout(3000);
          InputStream in = accepted.getInputStream();
          int first;
          try {
            first = in.read();
          } catch (SocketTimeoutException e) {
            first = -2; // the client never closed its side: the channel leaked
          }
          assertThat(first).as("the client closed the socket it could not use").isEqualTo(-1);
        }
        client.connect().handle((ok, failure) -> null).get(5, TimeUnit.SECONDS);
      }
    }
  }

  /** A context whose provider cannot make engines, as one lacking a requested protocol. */
  private static SSLContext refusingEngines() {
    SSLContextSpi spi =
        new SSLContextSpi() {
          @Override
          protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) {}

          @Override
          protected SSLSocketFactory engineGetSocketFactory() {
            throw new UnsupportedOperationException();
          }

          @Override
          protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw new UnsupportedOperationException();
          }

          @Override
          protected SSLEngine engineCreateSSLEngine() {
            throw new IllegalArgumentException("Unsupported protocol: TLSv1.3");
          }

          @Override
          protected SSLEngine engineCreateSSLEngine(String host, int port) {
            throw new IllegalArgumentException("Unsupported protocol: TLSv1.3");
          }

          @Override
          protected SSLSessionContext engineGetServerSessionContext() {
            return null;
          }

          @Override
          protected SSLSessionContext engineGetClientSessionContext() {
            return null;
          }
        };
    return new SSLContext(spi, null, "TLS") {};
  }
}
