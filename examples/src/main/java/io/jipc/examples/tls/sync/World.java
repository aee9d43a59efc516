package io.jipc.examples.tls.sync;

import io.jipc.Ipc;
import io.jipc.TlsOptions;
import io.jipc.examples.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server of node-ipc's {@code example/TLSSocket/basicSync}, with TLS on {@code 127.0.0.1:port}:
 * answers each {@code message} string only after a while of pretend work ({@code replyDelay};
 * node-ipc's example waits 3 s), and prints how many messages ever waited for an answer at once:
 * with a sync client, one. Start it, then {@link Hello}.
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
   * @return the most messages that were waiting for an answer at the same time
   * @throws TimeoutException if fewer clients came and went within the settings' timeout
   */
  public static int run(Settings settings, PrintStream out)
      throws IOException, InterruptedException, TimeoutException {
    Ipc ipc = new Ipc();
    ipc.config().id("world").retry(Duration.ofMillis(1500)).sync(true);
    ipc.config()
        .tls(
            TlsOptions.builder()
                .privateKey(settings.key()) // node-ipc's "private"
                .publicCert(settings.cert()) // node-ipc's "public"
                .build());
    settings.applyTo(ipc.config(), out);
    Executor later =
        CompletableFuture.delayedExecutor(settings.replyDelay().toNanos(), TimeUnit.NANOSECONDS);
    AtomicInteger waiting = new AtomicInteger();
    AtomicInteger mostWaiting = new AtomicInteger();
    CountDownLatch gone = new CountDownLatch(settings.clientsOr(1));

    ipc.serveNet(
        settings.port(),
        () -> {
          ipc.server()
              .on(
                  "message",
                  (data, socket) -> {
                    ipc.log("got a message :", data);
                    mostWaiting.accumulateAndGet(waiting.incrementAndGet(), Math::max);
                    // node-ipc's setTimeout: answer later, from another thread.
                    later.execute(
                        () -> {
                          waiting.decrementAndGet();
                          ipc.server().emit(socket, "message", data + " world!");
                        });
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
    ipc.log("most messages waiting for an answer at once:", mostWaiting.get());
    return mostWaiting.get();
  }
}
