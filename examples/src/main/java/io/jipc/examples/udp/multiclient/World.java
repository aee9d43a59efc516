package io.jipc.examples.udp.multiclient;

import io.jipc.Ipc;
import io.jipc.examples.AppMessage;
import io.jipc.examples.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server of node-ipc's {@code example/UDPSocket/Multi-Client-Broadcast}: a UDP endpoint on
 * {@code 127.0.0.1:port} that answers each {@code message} and, once both {@link Hello} and {@link
 * Goodbye} have sent one, broadcasts a last {@code message} to every sender it has heard from.
 * Start it first, then the other two in any order.
 */
public final class World {
  private World() {}

  /** Runs the example with {@link Settings#fromEnvironment()}, printing to standard output. */
  public static void main(String[] args) throws Exception {
    run(Settings.fromEnvironment(), System.out);
  }

  /**
   * Serves until it has heard from both and broadcast, then stops.
   *
   * @return how many senders the broadcast reached
   * @throws TimeoutException if it did not hear from both within the settings' timeout
   */
  public static int run(Settings settings, PrintStream out)
      throws IOException, InterruptedException, TimeoutException {
    Ipc ipc = new Ipc();
    ipc.config().id("world").retry(Duration.ofMillis(1500));
    settings.applyTo(ipc.config(), out);
    Set<String> heardFrom = ConcurrentHashMap.newKeySet();
    AtomicInteger reached = new AtomicInteger();
    CountDownLatch broadcast = new CountDownLatch(1);

    ipc.serveNet(
        settings.port(),
        "udp4",
        () ->
            ipc.server()
                .on(
                    "message",
                    (data, socket) -> {
                      AppMessage message = AppMessage.from(data);
                      ipc.log("got a message from", message.id(), ":", message.message());
                      heardFrom.add(message.id());
                      ipc.server()
                          .emit(
                              socket,
                              "message",
                              new AppMessage("world", message.message() + " world!").toData());
                      if (heardFrom.containsAll(Set.of("hello", "goodbye"))) {
                        ipc.log("got all required events, telling everyone how much I am loved!");
                        String text =
                            "Everybody Loves The World! Got messages from hello and goodbye!";
                        reached.set(
                            ipc.server()
                                .broadcast("message", new AppMessage("world", text).toData()));
                        broadcast.countDown();
                      }
                    }));
    ipc.server().start();
    settings.onListening().accept(ipc.server().endpoint());

    // node-ipc's example serves forever; this one stops after its broadcast, for the tests.
    try {
      settings.await(broadcast, "hello and goodbye");
    } finally {
      ipc.server().stop();
    }
    return reached.get();
  }
}
