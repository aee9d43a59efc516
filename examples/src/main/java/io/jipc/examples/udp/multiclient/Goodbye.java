package io.jipc.examples.udp.multiclient;

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
 * The other "client" of node-ipc's {@code example/UDPSocket/Multi-Client-Broadcast}, a UDP endpoint
 * on a port the system picks (node-ipc's uses 8002): sends {@code message} "Goodbye" to {@link
 * World} and prints what comes back, the answer and, once {@link Hello} has spoken too, the
 * broadcast.
 */
public final class Goodbye {
  private Goodbye() {}

  /** Runs the example with {@link Settings#fromEnvironment()}, printing to standard output. */
  public static void main(String[] args) throws Exception {
    run(Settings.fromEnvironment(), System.out);
  }

  /**
   * Sends "Goodbye", waits for the answer and the broadcast, then stops.
   *
   * @return the two messages received
   * @throws TimeoutException if they did not both come within the settings' timeout
   */
  public static List<AppMessage> run(Settings settings, PrintStream out)
      throws IOException, InterruptedException, TimeoutException {
    Ipc ipc = new Ipc();
    ipc.config().id("goodbye").retry(Duration.ofMillis(1500));
    settings.applyTo(ipc.config(), out);
    InetSocketAddress world = new InetSocketAddress("127.0.0.1", settings.port());
    List<AppMessage> received = new CopyOnWriteArrayList<>();
    CountDownLatch answerAndBroadcast = new CountDownLatch(2);

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
                    received.add(message);
                    answerAndBroadcast.countDown();
                  });
          ipc.udpServer().emit(world, "message", new AppMessage("goodbye", "Goodbye").toData());
        });
    ipc.server().start();

    // node-ipc's example listens forever; this one stops after the broadcast, for the tests.
    try {
      settings.await(answerAndBroadcast, "world's answer and broadcast");
    } finally {
      ipc.server().stop();
    }
    return List.copyOf(received);
  }
}
