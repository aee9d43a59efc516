package io.jipc.examples.tls.basic;

import io.jipc.Ipc;
import io.jipc.TlsOptions;
import io.jipc.examples.Settings;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;

/**
 * The client of node-ipc's {@code example/TLSSocket/basic}: connects with TLS to {@code
 * 127.0.0.1:port} without checking the server's certificate, sends the {@code message} "hello" and
 * prints the answer. Start {@link World} first.
 */
public final class Hello {
  private Hello() {}

  /** Runs the example with {@link Settings#fromEnvironment()}, printing to standard output. */
  public static void main(String[] args) throws Exception {
    run(Settings.fromEnvironment(), System.out);
  }

  /**
   * Connects, says hello, waits for the answer and disconnects.
   *
   * @return the answers received
   * @throws TimeoutException if no answer came within the settings' timeout
   */
  public static List<Object> run(Settings settings, PrintStream out)
      throws InterruptedException, TimeoutException {
    Ipc ipc = new Ipc();
    ipc.config().id("hello").retry(Duration.ofMillis(1500));
    // Encrypted, but the server is not checked: anyone could answer (see tls.mostsecure).
    ipc.config().tls(TlsOptions.builder().rejectUnauthorized(false).build());
    settings.applyTo(ipc.config(), out);
    List<Object> answers = new CopyOnWriteArrayList<>();
    CountDownLatch answered = new CountDownLatch(1);

    ipc.connectToNet(
        "world",
        settings.port(),
        () -> {
          ipc.of("world")
              .on(
                  "connect",
                  () -> {
                    ipc.log("## connected to world ##");
                    ipc.of("world").emit("message", "hello");
                  });
          ipc.of("world").on("disconnect", () -> ipc.log("disconnected from world"));
          ipc.of("world")
              .on(
                  "message",
                  data -> {
                    ipc.log("got a message from world :", data);
                    answers.add(data);
                    answered.countDown();
                  });
        });

    // node-ipc's example stays connected forever; this one leaves after the answer, for the tests.
    try {
      settings.await(answered, "world's answer");
    } finally {
      ipc.disconnect("world");
    }
    return List.copyOf(answers);
  }
}
