package io.jipc.examples.unix.basic;

import io.jipc.Ipc;
import io.jipc.examples.AppMessage;
import io.jipc.examples.Settings;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;

/**
 * The client of node-ipc's {@code example/unixWindowsSocket/basic}: connects to service {@code
 * world} over its Unix socket, sends one {@code app.message} "hello" and prints the answer. Start
 * {@link World} first.
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
  public static List<AppMessage> run(Settings settings, PrintStream out)
      throws InterruptedException, TimeoutException {
    Ipc ipc = new Ipc();
    ipc.config().id("hello").retry(Duration.ofMillis(1000));
    settings.applyTo(ipc.config(), out);
    List<AppMessage> answers = new CopyOnWriteArrayList<>();
    CountDownLatch answered = new CountDownLatch(1);

    ipc.connectTo(
        "world",
        () -> {
          ipc.of("world")
              .on(
                  "connect",
                  () -> {
                    ipc.log("## connected to world ##");
                    ipc.of("world").emit("app.message", new AppMessage("hello", "hello").toData());
                  });
          ipc.of("world").on("disconnect", () -> ipc.log("disconnected from world"));
          ipc.of("world")
              .on(
                  "app.message",
                  data -> {
                    ipc.log("got a message from world :", data);
                    answers.add(AppMessage.from(data));
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
