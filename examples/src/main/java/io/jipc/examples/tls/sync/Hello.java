package io.jipc.examples.tls.sync;

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
 * The client of node-ipc's {@code example/TLSSocket/basicSync}, over TLS without checking the
 * server: with {@code sync} on, it queues {@code messages} (default 10) strings at once, and jipc
 * sends each only after an answer to the one before has arrived. Start {@link World} first.
 */
public final class Hello {
  private Hello() {}

  /** Runs the example with {@link Settings#fromEnvironment()}, printing to standard output. */
  public static void main(String[] args) throws Exception {
    run(Settings.fromEnvironment(), System.out);
  }

  /**
   * Connects, queues the messages, waits for every answer and disconnects.
   *
   * @return the answers, in arrival order
   * @throws TimeoutException if not all answers came within the settings' timeout
   */
  public static List<Object> run(Settings settings, PrintStream out)
      throws InterruptedException, TimeoutException {
    Ipc ipc = new Ipc();
    ipc.config().id("hello").retry(Duration.ofMillis(1500)).sync(true);
    // Encrypted, but the server is not checked: anyone could answer (see tls.mostsecure).
    ipc.config().tls(TlsOptions.builder().rejectUnauthorized(false).build());
    settings.applyTo(ipc.config(), out);
    int count = settings.messagesOr(10);
    List<Object> answers = new CopyOnWriteArrayList<>();
    CountDownLatch answered = new CountDownLatch(count);

    ipc.connectToNet(
        "world",
        settings.port(),
        () -> {
          ipc.of("world")
              .on(
                  "connect",
                  () -> {
                    ipc.log("## connected to world ##");
                    // All queued now; sync mode lets one out per answer.
                    for (int i = 0; i < count; i++) {
                      ipc.of("world").emit("message", "hello" + i);
                    }
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

    // node-ipc's example stays connected forever; this one leaves after the answers, for the tests.
    try {
      settings.await(answered, "world's answers");
    } finally {
      ipc.disconnect("world");
    }
    return List.copyOf(answers);
  }
}
