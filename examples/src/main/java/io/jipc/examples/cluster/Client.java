package io.jipc.examples.cluster;

import io.jipc.Ipc;
import io.jipc.examples.AppMessage;
import io.jipc.examples.Settings;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;

/**
 * node-ipc's {@code example/clusterUnixSocket/cluster-client.js}: connects to {@link Server} on
 * {@code /tmp/ipc.sock} (see {@link Server#socketPath}), sends {@code currentDate} with the time,
 * disconnects, and does it again, printing which worker answered each time. node-ipc's client
 * repeats every 2 s forever and does not wait for an answer; this one makes {@code messages} visits
 * (default 4) back to back, each bounded by the timeout.
 */
public final class Client {
  private Client() {}

  /** Runs the example with {@link Settings#fromEnvironment()}, printing to standard output. */
  public static void main(String[] args) throws Exception {
    run(Settings.fromEnvironment(), System.out);
  }

  /**
   * Makes the visits.
   *
   * @return the name of the worker that answered each visit, in order
   * @throws TimeoutException if a visit was not answered within the settings' timeout
   */
  public static List<String> run(Settings settings, PrintStream out)
      throws InterruptedException, TimeoutException {
    Ipc ipc = new Ipc();
    settings.applyTo(ipc.config(), out);
    int visits = settings.messagesOr(4);
    List<String> workers = new ArrayList<>();

    for (int visit = 0; visit < visits; visit++) {
      CountDownLatch handled = new CountDownLatch(1);
      String[] worker = new String[1];
      ipc.connectTo(
          "world",
          Server.socketPath(settings),
          () -> {
            ipc.of("world")
                .on(
                    "connect",
                    () ->
                        ipc.of("world")
                            .emit("currentDate", Map.of("message", Instant.now().toString())));
            ipc.of("world")
                .on(
                    "handled",
                    data -> {
                      worker[0] = AppMessage.from(data).id();
                      ipc.log("answered by", worker[0]);
                      handled.countDown();
                    });
          });
      try {
        settings.await(handled, "the answer to visit " + (visit + 1));
      } finally {
        ipc.disconnect("world");
      }
      workers.add(worker[0]);
    }
    return workers;
  }
}
