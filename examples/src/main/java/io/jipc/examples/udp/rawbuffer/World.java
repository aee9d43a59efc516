package io.jipc.examples.udp.rawbuffer;

import io.jipc.Ipc;
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
 * The server of node-ipc's {@code example/UDPSocket/rawBuffer}: a UDP endpoint on {@code
 * 127.0.0.1:port} with {@code rawBuffer} on, so datagrams carry bare bytes, not events. It answers
 * each datagram with "goodbye" to the address it came from. Start it first, then {@link Hello}.
 */
public final class World {
  private World() {}

  /** Runs the example with {@link Settings#fromEnvironment()}, printing to standard output. */
  public static void main(String[] args) throws Exception {
    run(Settings.fromEnvironment(), System.out);
  }

  /**
   * Answers {@code messages} datagrams (default 1), then stops.
   *
   * @return the datagrams received, as ASCII text
   * @throws TimeoutException if fewer arrived within the settings' timeout
   */
  public static List<String> run(Settings settings, PrintStream out)
      throws IOException, InterruptedException, TimeoutException {
    Ipc ipc = new Ipc();
    ipc.config().id("world").retry(Duration.ofMillis(1500)).rawBuffer(true).encoding("ascii");
    settings.applyTo(ipc.config(), out);
    List<String> received = new CopyOnWriteArrayList<>();
    CountDownLatch answered = new CountDownLatch(settings.messagesOr(1));

    ipc.serveNet(
        settings.port(),
        "udp4",
        () ->
            ipc.server()
                .on(
                    "data",
                    (data, socket) -> {
                      String text = new String((byte[]) data, StandardCharsets.US_ASCII);
                      ipc.log("got a message", text);
                      received.add(text);
                      socket.write("goodbye");
                      answered.countDown();
                    }));
    ipc.server().start();
    settings.onListening().accept(ipc.server().endpoint());

    // node-ipc's example serves forever; this one stops after `messages` answers, for the tests.
    try {
      settings.await(answered, "datagrams");
    } finally {
      ipc.server().stop();
    }
    return List.copyOf(received);
  }
}
