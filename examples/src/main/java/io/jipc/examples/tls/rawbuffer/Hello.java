package io.jipc.examples.tls.rawbuffer;

import io.jipc.Ipc;
import io.jipc.TlsOptions;
import io.jipc.examples.Settings;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;

/**
 * The client of node-ipc's {@code example/TLSSocket/rawBuffer-only-works-with-most-secure}: over
 * mutual TLS to {@code localhost:port} (set up as in {@code tls.mostsecure}) it writes the bare
 * bytes "hello" and prints the bytes that come back ("hello", then "goodbye", in one chunk or
 * several). Start {@link World} first.
 */
public final class Hello {
  private Hello() {}

  /** Runs the example with {@link Settings#fromEnvironment()}, printing to standard output. */
  public static void main(String[] args) throws Exception {
    run(Settings.fromEnvironment(), System.out);
  }

  /**
   * Connects, writes "hello", reads until "goodbye" has arrived and disconnects.
   *
   * @return all text received
   * @throws TimeoutException if "goodbye" did not arrive within the settings' timeout
   */
  public static String run(Settings settings, PrintStream out)
      throws InterruptedException, TimeoutException {
    Ipc ipc = new Ipc();
    ipc.config().id("hello").retry(Duration.ofMillis(1500)).rawBuffer(true).encoding("ascii");
    ipc.config().networkHost("localhost");
    ipc.config()
        .tls(
            TlsOptions.builder()
                .privateKey(settings.key())
                .publicCert(settings.cert())
                .trustedConnections(settings.ca())
                .rejectUnauthorized(true)
                .build());
    settings.applyTo(ipc.config(), out);
    StringBuffer received = new StringBuffer();
    CountDownLatch goodbye = new CountDownLatch(1);

    ipc.connectToNet(
        "world",
        settings.port(),
        () -> {
          ipc.of("world")
              .on(
                  "connect",
                  () -> {
                    ipc.log("## connected to world ##");
                    ipc.of("world").write("hello");
                  });
          ipc.of("world")
              .on(
                  "data",
                  data -> {
                    String text = new String((byte[]) data, StandardCharsets.US_ASCII);
                    ipc.log("got a message from world :", text);
                    received.append(text);
                    if (received.indexOf("goodbye") >= 0) {
                      goodbye.countDown();
                    }
                  });
        });

    // node-ipc's example stays connected forever; this one leaves after "goodbye", for the tests.
    try {
      settings.await(goodbye, "world's goodbye");
    } finally {
      ipc.disconnect("world");
    }
    return received.toString();
  }
}
