package io.jipc.examples.unix.basic;

import io.jipc.Ipc;
import io.jipc.examples.AppMessage;
import io.jipc.examples.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server of node-ipc's {@code example/unixWindowsSocket/basic}: listens on the Unix socket of
 * service {@code world} ({@code socketRoot + "app.world"}) and answers every {@code app.message}
 * with the text plus {@code " world!"}. Start it, then {@link Hello}.
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
    settings.applyTo(ipc.config(), out);
    AtomicInteger answered = new AtomicInteger();
    CountDownLatch gone = new CountDownLatch(settings.clientsOr(1));

    ipc.serve(
        () -> {
          ipc.server()
              .on(
                  "app.message",
                  (data, socket) -> {
                    AppMessage message = AppMessage.from(data);
                    ipc.log("got a message from", message.id(), ":", message.message());
                    ipc.server()
                        .emit(
                            socket,
                            "app.message",
                            new AppMessage("world", message.message() + " world!").toData());
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
