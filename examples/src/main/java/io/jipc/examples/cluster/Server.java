package io.jipc.examples.cluster;

import io.jipc.Ipc;
import io.jipc.examples.AppMessage;
import io.jipc.examples.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * node-ipc's {@code example/clusterUnixSocket/cluster-server.js}, rewritten for the JVM: one server
 * on node-ipc's fixed socket path {@code /tmp/ipc.sock} ({@code <socketRoot>/ipc.sock} when the
 * settings name a socket root, as the tests do), whose handler hands each {@code currentDate}
 * request to a fixed pool of worker threads, one per CPU (at least two); the worker that took it
 * prints it and answers {@code handled} with its name. Start it, then {@link Client}.
 *
 * <h2>Why not several servers behind one socket path</h2>
 *
 * <p>node-ipc's example forks one Node process per CPU with Node's {@code cluster} module: the
 * primary process owns the listening socket and passes each accepted connection to a worker
 * process, so several processes serve one path, and each prints its pid. Node needs processes for
 * that because it runs JavaScript on one thread. None of it carries over to the JVM: there is no
 * fork, the JDK cannot pass an accepted socket to another process (no descriptor passing), and a
 * second process cannot bind a Unix socket path that is already bound. The JVM has threads instead,
 * so the honest equivalent is one process, one socket, and a worker pool behind its handler: the
 * work runs in parallel, as in node-ipc's cluster, and the worker's name stands in for the pid.
 * (For several processes, give each its own socket path and let clients choose.)
 */
public final class Server {
  private Server() {}

  /** Runs the example with {@link Settings#fromEnvironment()}, printing to standard output. */
  public static void main(String[] args) throws Exception {
    run(Settings.fromEnvironment(), System.out);
  }

  /**
   * Returns the socket path of server and client: node-ipc's {@code /tmp/ipc.sock}, or {@code
   * ipc.sock} in the settings' socket root when one is set.
   */
  public static Path socketPath(Settings settings) {
    Path root = settings.socketRoot();
    return root != null ? root.resolve("ipc.sock") : Path.of("/tmp/ipc.sock");
  }

  /**
   * Serves until {@code clients} clients (default 4) have come and gone, then stops the server and
   * its workers.
   *
   * @return how many requests the workers answered
   * @throws TimeoutException if fewer clients came and went within the settings' timeout
   */
  public static int run(Settings settings, PrintStream out)
      throws IOException, InterruptedException, TimeoutException {
    Path socketPath = socketPath(settings);
    Ipc ipc = new Ipc();
    ipc.config().id("world");
    ipc.config().unlink(false); // as node-ipc's: the primary removes the file, then all serve it
    settings.applyTo(ipc.config(), out);
    Files.deleteIfExists(socketPath);
    int cpus = Math.max(2, Runtime.getRuntime().availableProcessors());
    AtomicInteger threads = new AtomicInteger();
    ExecutorService workers =
        Executors.newFixedThreadPool(
            cpus, task -> new Thread(task, "worker-" + threads.incrementAndGet()));
    AtomicInteger answered = new AtomicInteger();
    CountDownLatch gone = new CountDownLatch(settings.clientsOr(4));

    ipc.serve(
        socketPath,
        () -> {
          ipc.server()
              .on(
                  "currentDate",
                  (data, socket) ->
                      // Only hand over: a worker does the work and answers.
                      workers.execute(
                          () -> {
                            String worker = Thread.currentThread().getName();
                            ipc.log(worker, "got:", data);
                            socket.emit("handled", new AppMessage(worker, "done").toData());
                            answered.incrementAndGet();
                          }));
          ipc.server().on("socket.disconnected", (id, socket) -> gone.countDown());
        });
    ipc.server().start();
    ipc.log(cpus, "workers listening on", ipc.server().endpoint());
    settings.onListening().accept(ipc.server().endpoint());

    // node-ipc's example serves forever; this one stops once its clients have left, for the tests.
    try {
      settings.await(gone, "clients to come and go");
    } finally {
      ipc.server().stop();
      workers.shutdown();
      workers.awaitTermination(settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
    }
    return answered.get();
  }
}
