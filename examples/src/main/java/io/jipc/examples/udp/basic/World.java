package io.jipc.examples.udp.basic;

import io.jipc.Ipc;
import io.jipc.examples.AppMessage;
import io.jipc.examples.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;

/**
 * The server of node-ipc's {@code example/UDPSocket/basic}: a UDP endpoint on {@code
 * 127.0.0.1:port} that answers each {@code message} datagram to the address it came from. UDP has
 * no connections, so there is no client either: {@link Hello} is a UDP endpoint of its own. Start
 * this one first.
 */
public final class World {
  private World() {}

  /** Runs the example with {@link Settings#fromEnvironment()}, printing to standard output. */
  public static void main(String[] args) throws Exception {
    run(Settings.fromEnvironment(), System.out);
  }

  /**
   * Answers {@code messages} messages (default 1), then stops.
   *
   * @return how many messages it answered
   * @throws TimeoutException if fewer arrived within the settings' timeout
   */
  public static int run(Settings settings, PrintStream out)
      throws IOException, InterruptedException, TimeoutException {
    Ipc ipc = new Ipc();
    ipc.config().id("world").retry(Duration.ofMillis(1500));
    settings.applyTo(ipc.config(), out);
    int count = settings.messagesOr(1);
    CountDownLatch answered = new CountDownLatch(count);

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
                      ipc.server()
                          .emit(
                              socket,
                              "message",
                              new AppMessage("world", message.message() + " world!").toData());
                      answered.countDown();
                    }));
    ipc.server().start();
    settings.onListening().accept(ipc.server().endpoint());

    // node-ipc's example serves forever; this one stops after `messages` answers, for the tests.
    try {
      settings.await(answered, "messages");
    } finally {
      ipc.server().stop();
    }
    return count;
  }
}
