package io.jipc.examples.tls.mostsecure;

import io.jipc.Ipc;
import io.jipc.TlsOptions;
import io.jipc.examples.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server of node-ipc's {@code example/TLSSocket/basic-most-secure}: mutual TLS on {@code
 * localhost:port} (node-ipc's {@code networkHost}, a loopback address). It presents its certificate
 * ({@code JIPC_TLS_KEY}, {@code JIPC_TLS_CERT}) and admits only clients whose certificate the CA in
 * {@code JIPC_TLS_CA} signed; the client in turn verifies this server's certificate and its host
 * name. It prints each client's verified certificate and answers each {@code message} string. Start
 * it, then {@link Hello}.
 *
 * <p>As in node-ipc's example, both sides set {@code networkHost} to {@code localhost}, so the
 * client checks the host name: the server certificate must name {@code localhost} (a DNS subject
 * alternative name). node-ipc's {@code dhparam} is left out: the JDK picks its own key-exchange
 * groups.
 */
public final class World {
  private World() {}

  /** Runs the example with {@link Settings#fromEnvironment()}, printing to standard output. */
  public static void main(String[] args) throws Exception {
    run(Settings.fromEnvironment(), System.out);
  }

  /**
   * Serves until {@code clients} clients (default 1) have come and gone, then stops.
   *
   * @return how many messages it answered
   * @throws TimeoutException if fewer clients came and went within the settings' timeout
   */
  public static int run(Settings settings, PrintStream out)
      throws IOException, InterruptedException, TimeoutException {
    Ipc ipc = new Ipc();
    ipc.config().id("world").retry(Duration.ofMillis(1500));
    ipc.config().networkHost("localhost");
    ipc.config()
        .tls(
            TlsOptions.builder()
                .privateKey(settings.key())
                .publicCert(settings.cert())
                .trustedConnections(settings.ca())
                .requestCert(true)
                .rejectUnauthorized(true) // jipc's default once trustedConnections is set
                .build());
    settings.applyTo(ipc.config(), out);
    AtomicInteger answered = new AtomicInteger();
    CountDownLatch gone = new CountDownLatch(settings.clientsOr(1));

    ipc.serveNet(
        settings.port(),
        () -> {
          ipc.server()
              .on(
                  "connect",
                  (data, socket) ->
                      ipc.log(
                          "client verified:",
                          socket.peerCertificates().stream()
                              .map(cert -> cert.getSubjectX500Principal().getName())
                              .findFirst()
                              .orElse("no certificate")));
          ipc.server()
              .on(
                  "message",
                  (data, socket) -> {
                    ipc.log("got a message :", data);
                    ipc.server().emit(socket, "message", data + " world!");
                    answered.incrementAndGet();
                  });
          ipc.server().on("socket.disconnected", (id, socket) -> gone.countDown());
        });
    ipc.server().start();
    settings.onListening().accept(ipc.server().endpoint());

    // node-ipc's example serves forever; this one stops once its clients have left, for the tests.
    try {
      settings.await(gone, "clients to come and go");
    } finally {
      ipc.server().stop();
    }
    return answered.get();
  }
}
