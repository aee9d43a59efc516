package io.jipc.examples.tls.multiclient;

import io.jipc.Ipc;
import io.jipc.TlsOptions;
import io.jipc.examples.AppMessage;
import io.jipc.examples.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server of node-ipc's {@code example/TLSSocket/Multi-Client-Broadcast-basic}, with TLS on
 * {@code 127.0.0.1:port}: answers each {@code app.message} and, once both {@link Hello} and {@link
 * Goodbye} have spoken, broadcasts {@code kill.connection} to every client, which then disconnect.
 * Start it, then both clients.
 */
public final class World {
  private World() {}

  /** Runs the example with {@link Settings#fromEnvironment()}, printing to standard output. */
  public static void main(String[] args) throws Exception {
    run(Settings.fromEnvironment(), System.out);
  }

  /**
   * Serves until both clients have spoken and left, then stops.
   *
   * @return how many clients the broadcast reached
   * @throws TimeoutException if they did not both come and go within the settings' timeout
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
    Set<String> heardFrom = new HashSet<>(); // Guarded by itself.
    CountDownLatch gone = new CountDownLatch(2);
    AtomicInteger reached = new AtomicInteger();

    ipc.serveNet(
        settings.port(),
        () -> {
          ipc.server()
              .on(
                  "app.message",
                  (data, socket) -> {
                    AppMessage message = AppMessage.from(data);
                    ipc.log("got a message from", message.id(), message.message());
                    // Each socket's handlers run on a thread of its own (node-ipc runs all on one):
                    // answering and checking under one lock, no client hears kill.connection first.
                    synchronized (heardFrom) {
                      heardFrom.add(message.id());
                      ipc.server()
                          .emit(
                              socket,
                              "app.message",
                              new AppMessage("world", message.message() + " world!").toData());
                      if (heardFrom.containsAll(Set.of("hello", "goodbye"))) {
                        ipc.log("got all required events, telling clients to kill connection");
                        reached.set(
                            ipc.server().broadcast("kill.connection", Map.of("id", "world")));
                      }
                    }
                  });
          ipc.server().on("socket.disconnected", (id, socket) -> gone.countDown());
        });
    ipc.server().start();
    settings.onListening().accept(ipc.server().endpoint());

    // node-ipc's example serves forever; this one stops once both clients have left, for the tests.
    try {
      settings.await(gone, "hello and goodbye to come and go");
    } finally {
      ipc.server().stop();
    }
    return reached.get();
  }
}
