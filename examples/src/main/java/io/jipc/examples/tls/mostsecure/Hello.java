package io.jipc.examples.tls.mostsecure;

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
 * The client of node-ipc's {@code example/TLSSocket/basic-most-secure}: connects with mutual TLS to
 * {@code localhost:port} (node-ipc's {@code networkHost}), presenting its certificate ({@code
 * JIPC_TLS_KEY}, {@code JIPC_TLS_CERT}) and accepting only a server whose certificate the CA in
 * {@code JIPC_TLS_CA} signed for the name {@code localhost}. It prints the server's verified
 * certificate, sends the {@code message} "hello" and prints the answer. Start {@link World} first.
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
    ipc.config().networkHost("localhost");
    ipc.config()
        .tls(
            TlsOptions.builder()
                .privateKey(settings.key())
                .publicCert(settings.cert())
                .trustedConnections(settings.ca())
                .rejectUnauthorized(true) // jipc's default, written out as node-ipc does
                .build());
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
                    ipc.log(
                        "server verified:",
                        ipc.of("world").peerCertificates().get(0).getSubjectX500Principal());
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
