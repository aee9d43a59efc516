package io.jipc.examples.udp.rawbuffer;

import io.jipc.Ipc;
import io.jipc.examples.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;

/**
 * The "client" of node-ipc's {@code example/UDPSocket/rawBuffer}, a raw UDP endpoint on a port the
 * system picks (node-ipc's uses 8001): sends the bare bytes "hello" to {@link World} and prints the
 * datagram that comes back.
 */
public final class Hello {
  private Hello() {}

  /** Runs the example with {@link Settings#fromEnvironment()}, printing to standard output. */
  public static void main(String[] args) throws Exception {
    run(Settings.fromEnvironment(), System.out);
  }

  /**
   * Sends "hello", waits for the answer, then stops.
   *
   * @return the answer, as ASCII text
   * @throws TimeoutException if no answer came within the settings' timeout
   */
  public static String run(Settings settings, PrintStream out)
      throws IOException, InterruptedException, TimeoutException {
    Ipc ipc = new Ipc();
    ipc.config().id("hello").retry(Duration.ofMillis(1500)).rawBuffer(true).encoding("ascii");
    settings.applyTo(ipc.config(), out);
    InetSocketAddress world = new InetSocketAddress("127.0.0.1", settings.port());
    StringBuffer received = new StringBuffer();
    CountDownLatch answered = new CountDownLatch(1);

    ipc.serveNet(
        0,
        "udp4",
        () -> {
          ipc.server()
              .on(
                  "data",
                  (data, socket) -> {
                    String text = new String((byte[]) data, StandardCharsets.US_ASCII);
                    ipc.log("got a message from world", text);
                    received.append(text);
                    answered.countDown();
                  });
          ipc.udpServer().emit(world, "hello".getBytes(StandardCharsets.US_ASCII));
        });
    ipc.server().start();

    // node-ipc's example listens forever; this one stops after the answer, for the tests.
    try {
      settings.await(answered, "world's answer");
    } finally {
      ipc.server().stop();
    }
    return received.toString();
  }
}
