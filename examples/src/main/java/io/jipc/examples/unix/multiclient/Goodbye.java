package io.jipc.examples.unix.multiclient;

import io.jipc.Ipc;
import io.jipc.examples.AppMessage;
import io.jipc.examples.Settings;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;

/**
 * The other client of node-ipc's {@code example/unixWindowsSocket/Multi-Client-Broadcast}: says
 * goodbye to {@link World} without listening for the answer, and disconnects when the world
 * broadcasts {@code kill.connection} (after {@link Hello} has spoken too).
 */
public final class Goodbye {
  private Goodbye() {}

  /** Runs the example with {@link Settings#fromEnvironment()}, printing to standard output. */
  public static void main(String[] args) throws Exception {
    run(Settings.fromEnvironment(), System.out);
  }

  /**
   * Connects, says goodbye and stays until told to disconnect.
   *
   * @throws TimeoutException if no {@code kill.connection} came within the settings' timeout
   */
  public static void run(Settings settings, PrintStream out)
      throws InterruptedException, TimeoutException {
    Ipc ipc = new Ipc();
    ipc.config().id("goodbye").retry(Duration.ofMillis(1500));
    settings.applyTo(ipc.config(), out);
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
                    ipc.of("world")
                        .emit("app.message", new AppMessage("goodbye", "goodbye").toData());
                  });
          ipc.of("world").on("disconnect", () -> ipc.log("disconnected from world"));
          // Fires after this client's last event, so run() returns with the transcript complete.
          ipc.of("world").on("destroy", () -> gone.countDown());
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
  }
}
