package io.jipc.examples.tls.localonly;

import io.jipc.Ipc;
import io.jipc.IpcProtocolException;
import io.jipc.TlsOptions;
import io.jipc.examples.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server of node-ipc's {@code example/TLSSocket/basic-local-only}. node-ipc's example gives no
 * key: node-ipc then falls back to a key and certificate shipped inside the package, public to
 * anyone, fit only for a machine's loopback. jipc ships no key and refuses to start a TLS server
 * without one ({@code ERR_IPC_TLS_CONFIGURATION}). This twin shows that refusal, then serves on
 * loopback with your own throwaway key ({@code JIPC_TLS_KEY}, {@code JIPC_TLS_CERT}; see
 * examples/README.md) and answers each {@code message} string like {@code tls.basic}.
 */
public final class World {
  private World() {}

  /** Runs the example with {@link Settings#fromEnvironment()}, printing to standard output. */
  public static void main(String[] args) throws Exception {
    run(Settings.fromEnvironment(), System.out);
  }

  /**
   * Shows the refusal, then serves until {@code clients} clients (default 1) have come and gone.
   *
   * @return how many messages it answered
   * @throws TimeoutException if fewer clients came and went within the settings' timeout
   */
  public static int run(Settings settings, PrintStream out)
      throws IOException, InterruptedException, TimeoutException {
    Ipc ipc = new Ipc();
    ipc.config().id("world").retry(Duration.ofMillis(1500));
    settings.applyTo(ipc.config(), out);

    // node-ipc's config, word for word: no key, so node-ipc would use its bundled one.
    ipc.config().tls(TlsOptions.builder().rejectUnauthorized(false).build());
    ipc.serveNet(settings.port(), null);
    try {
      ipc.server().start();
    } catch (IpcProtocolException refused) {
      ipc.log("jipc has no bundled key and says:", refused);
    }

    ipc.config()
        .tls(TlsOptions.builder().privateKey(settings.key()).publicCert(settings.cert()).build());
    AtomicInteger answered = new AtomicInteger();
    CountDownLatch gone = new CountDownLatch(settings.clientsOr(1));
    ipc.serveNet(
        "127.0.0.1", // loopback only: what "local only" promises
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
