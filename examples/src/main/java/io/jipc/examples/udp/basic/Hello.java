package io.jipc.examples.udp.basic;

import io.jipc.Ipc;
import io.jipc.examples.AppMessage;
import io.jipc.examples.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;

/**
 * The "client" of node-ipc's {@code example/UDPSocket/basic}, which is a UDP server too: it binds a
 * port of its own, sends {@code message} "Hello" to {@link World} at {@code 127.0.0.1:port} and
 * prints the answer that comes back to its port. node-ipc's example binds port 8001; this one lets
 * the system choose, since the world answers whatever address a datagram came from.
 */
public final class Hello {
  private Hello() {}

  /** Runs the example with {@link Settings#fromEnvironment()}, printing to standard output. */
  public static void main(String[] args) throws Exception {
    run(Settings.fromEnvironment(), System.out);
  }

  /**
   * Sends {@code messages} messages (default 1), waits for as many answers, then stops.
   *
   * @return the answers received
   * @throws TimeoutException if fewer answers came within the settings' timeout
   */
  public static List<AppMessage> run(Settings settings, PrintStream out)
      throws IOException, InterruptedException, TimeoutException {
    Ipc ipc = new Ipc();
    ipc.config().id("hello").retry(Duration.ofMillis(1500));
    settings.applyTo(ipc.config(), out);
    InetSocketAddress world = new InetSocketAddress("127.0.0.1", settings.port());
    int count = settings.messagesOr(1);
    List<AppMessage> answers = new CopyOnWriteArrayList<>();
    CountDownLatch answered = new CountDownLatch(count);

    ipc.serveNet(
        0,
        "udp4",
        () -> {
          ipc.server()
              .on(
                  "message",
                  (data, socket) -> {
                    AppMessage message = AppMessage.from(data);
                    ipc.log("got a message from", message.id(), ":", message.message());
                    answers.add(message);
                    answered.countDown();
                  });
          for (int i = 0; i < count; i++) {
            ipc.udpServer().emit(world, "message", new AppMessage("hello", "Hello").toData());
          }
        });
    ipc.server().start();

    // node-ipc's example listens forever; this one stops after the answers, for the tests.
    try {
      settings.await(answered, "world's answers");
    } finally {
      ipc.server().stop();
    }
    return List.copyOf(answers);
  }
}
