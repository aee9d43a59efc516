package io.jipc.examples.tls.basic;

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
 * The server of node-ipc's {@code example/TLSSocket/basic}: listens with TLS on {@code
 * 127.0.0.1:port} (node-ipc's 8000 unless told otherwise), with the key and certificate of {@code
 * JIPC_TLS_KEY} and {@code JIPC_TLS_CERT}, and answers each {@code message} string with the string
 * plus {@code " world!"}. Start it, then {@link Hello}.
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
    ipc.config()
        .tls(
            TlsOptions.builder()
                .privateKey(settings.key()) // node-ipc's "private"
                .publicCert(settings.cert()) // node-ipc's "public"
                .build());
    settings.applyTo(ipc.config(), out);
    AtomicInteger answered = new AtomicInteger();
    CountDownLatch gone = new CountDownLatch(settings.clientsOr(1));

    ipc.serveNet(
        settings.port(),
        () -> {
          ipc.server()
              .on(
                  "message",
                  (data, socket) -> {
                    ipc.log("got a message :", data);
                    ipc.server().emit(socket, "message", data + " world!");
                    answered.incrementAndGet();
                  });
          ipc.server()
              .on(
                  "socket.disconnected",
                  (id, socket) -> {
                    ipc.log("DISCONNECTED", id, socket.remoteAddress());
                    gone.countDown();
                  });
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
