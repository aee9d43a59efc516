package io.jipc.examples.unix.multiclient;

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
 * A client of node-ipc's {@code example/unixWindowsSocket/Multi-Client-Broadcast}: says hello to
 * {@link World}, prints the answer, and disconnects when the world broadcasts {@code
 * kill.connection} (after {@link Goodbye} has spoken too).
 */
public final class Hello {
  private Hello() {}

  /** Runs the example with {@link Settings#fromEnvironment()}, printing to standard output. */
  public static void main(String[] args) throws Exception {
    run(Settings.fromEnvironment(), System.out);
  }

  /**
   * Connects, says hello and stays until told to disconnect.
   *
   * @return the answers received before the broadcast
   * @throws TimeoutException if no {@code kill.connection} came within the settings' timeout
   */
  public static List<AppMessage> run(Settings settings, PrintStream out)
      throws InterruptedException, TimeoutException {
    Ipc ipc = new Ipc();
    ipc.config().id("hello").retry(Duration.ofMillis(1500));
    settings.applyTo(ipc.config(), out);
    List<AppMessage> answers = new CopyOnWriteArrayList<>();
    CountDownLatch killed = new CountDownLatch(1);
    CountDownLatch gone = new CountDownLatch(1);

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
          // Fires after this client's last event, so run() returns with the transcript complete.
          ipc.of("world").on("destroy", () -> gone.countDown());
          ipc.of("world")
              .on(
                  "app.message",
                  data -> {
                    ipc.log("got a message from world :", data);
                    answers.add(AppMessage.from(data));
                  });
          ipc.of("world")
              .on(
                  "kill.connection",
                  data -> {
                    ipc.log("world requested kill.connection");
                    ipc.disconnect("world");
                    killed.countDown();
                  });
        });

    // Leaving is the server's call, as in node-ipc; the timeout only bounds a test gone wrong.
    try {
      settings.await(killed, "world's kill.connection");
      settings.await(gone, "the disconnect");
    } finally {
      ipc.disconnect("world");
    }
    return List.copyOf(answers);
  }
}
