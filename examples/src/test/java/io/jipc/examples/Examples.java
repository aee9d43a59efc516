package io.jipc.examples;

import io.jipc.Endpoint;
import io.jipc.testing.TestPki;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the examples in-process for the tests: a server on a background thread until it listens, a
 * client on another, every wait bounded by {@link #WAIT}.
 */
public final class Examples {
  /** The longest a test waits for any one step of an example. */
  public static final Duration WAIT = Duration.ofSeconds(20);

  private Examples() {}

  /**
   * An example's {@code run} method.
   *
   * @param <T> what it returns
   */
  @FunctionalInterface
  public interface Run<T> {
    /** Runs the example to its end. */
    T run(Settings settings, PrintStream out) throws Exception;
  }

  /**
   * A server started by {@link #serve}.
   *
   * @param endpoint where it listens
   * @param result its {@code run} method's outcome
   * @param <T> what {@code run} returns
   */
  public record Running<T>(Endpoint endpoint, CompletableFuture<T> result) {
    /** Returns {@code settings} pointed at this server's port (TCP, TLS and UDP). */
    public Settings clientSettings(Settings settings) {
      if (endpoint instanceof Endpoint.Tcp tcp) {
        return settings.withPort(tcp.port());
      }
      if (endpoint instanceof Endpoint.Udp udp) {
        return settings.withPort(udp.port());
      }
      return settings;
    }

    /** Waits, bounded, for the server to end and returns what it returned. */
    public T await() throws Exception {
      return Examples.await(result);
    }
  }

  /** Returns settings for a test: the socket root {@code root}, a free port, bounded waits. */
  public static Settings settings(Path root) {
    return Settings.defaults().withSocketRoot(root).withPort(0).withTimeout(WAIT);
  }

  /** Returns {@code settings} with the test PKI's server key, its certificate chain and the CA. */
  public static Settings asTlsServer(Settings settings) {
    TestPki pki = TestPki.shared();
    return settings.withTls(pki.server().keyFile(), pki.server().certFile(), pki.caFile());
  }

  /** Returns {@code settings} with the test PKI's client key, its certificate chain and the CA. */
  public static Settings asTlsClient(Settings settings) {
    TestPki pki = TestPki.shared();
    return settings.withTls(pki.client().keyFile(), pki.client().certFile(), pki.caFile());
  }

  /**
   * Starts {@code server} on a background thread and waits, bounded, until it listens.
   *
   * @throws Exception what the server threw if it ended before listening
   */
  public static <T> Running<T> serve(Settings settings, Run<T> server, Transcript out)
      throws Exception {
    CompletableFuture<Endpoint> listening = new CompletableFuture<>();
    CompletableFuture<T> result =
        inBackground(settings.withOnListening(listening::complete), server, out);
    await(CompletableFuture.anyOf(listening, result));
    if (!listening.isDone()) {
      await(result); // it ended without listening: rethrows why, or fails on the next line
      throw new AssertionError("the server ended without listening");
    }
    return new Running<>(listening.join(), result);
  }

  /** Runs {@code example} on a background thread. */
  public static <T> CompletableFuture<T> inBackground(
      Settings settings, Run<T> example, Transcript out) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                result.complete(example.run(settings, out.out()));
              } catch (Throwable e) {
                result.completeExceptionally(e);
              }
            },
            "example");
    thread.setDaemon(true);
    thread.start();
    return result;
  }

  /** Waits up to {@link #WAIT} for {@code future}, rethrowing what it failed with. */
  public static <T> T await(CompletableFuture<T> future) throws Exception {
    try {
      return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | CompletionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    } catch (TimeoutException e) {
      throw new AssertionError("nothing within " + WAIT, e);
    }
  }
}
