package io.jipc.examples.tls.rawbuffer;

import io.jipc.Ipc;
import io.jipc.TlsOptions;
import io.jipc.examples.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;

/**
 * The server of node-ipc's {@code example/TLSSocket/rawBuffer-only-works-with-most-secure}: raw
 * bytes, no events, over mutual TLS on {@code localhost:port} (set up as in {@code
 * tls.mostsecure}). It writes "hello" to each client that connects and "goodbye" for each chunk of
 * bytes it receives. Start it, then {@link Hello}.
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
   * @return the chunks received, as ASCII text
   * @throws TimeoutException if fewer clients came and went within the settings' timeout
   */
  public static List<String> run(Settings settings, PrintStream out)
      throws IOException, InterruptedException, TimeoutException {
    Ipc ipc = new Ipc();
    ipc.config().id("world").retry(Duration.ofMillis(1500)).rawBuffer(true).encoding("ascii");
    ipc.config().networkHost("localhost");
    ipc.config()
        .tls(
            TlsOptions.builder()
                .privateKey(settings.key())
                .publicCert(settings.cert())
                .trustedConnections(settings.ca())
                .requestCert(true)
                .rejectUnauthorized(true)
                .build());
    settings.applyTo(ipc.config(), out);
    List<String> received = new CopyOnWriteArrayList<>();
    CountDownLatch gone = new CountDownLatch(settings.clientsOr(1));

    ipc.serveNet(
        settings.port(),
        () -> {
          ipc.server()
              .on(
                  "connect",
                  (data, socket) -> {
                    ipc.log("connection detected");
                    socket.write("hello");
                  });
          ipc.server()
              .on(
                  "data",
                  (data, socket) -> {
                    String text = new String((byte[]) data, StandardCharsets.US_ASCII);
                    ipc.log("got a message", text);
                    received.add(text);
                    socket.write("goodbye");
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
    return List.copyOf(received);
  }
}
