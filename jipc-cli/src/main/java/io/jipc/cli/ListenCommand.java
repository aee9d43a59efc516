package io.jipc.cli;

import io.jipc.Endpoint;
import io.jipc.IpcConfig;
import io.jipc.IpcProtocolException;
import io.jipc.Profile;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jipc listen <target>}: connects as a client and prints every event it receives as a JSON
 * line until interrupted, until {@code --count} events arrived, until {@code --timeout}, or until
 * the server closes the connection (unless {@code --reconnect}).
 */
@Command(
    name = "listen",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Connect and print each received event as a JSON line until stopped.",
      "Exit status: 0 stopped (Ctrl-C, SIGTERM, --count reached, --timeout without",
      "--count), 1 the server closed the connection, 2 usage, 3 cannot connect,",
      "4 --timeout before --count events, 5 protocol error."
    })
final class ListenCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "<target>",
      converter = Target.Converter.class,
      description =
          "Where to connect; the forms of `jipc serve`. UDP binds a free local port and prints"
              + " what is sent to it (use --emit to say hello).")
  Target target;

  @Option(names = "--count", paramLabel = "N", description = "Stop after N events.")
  long count;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Stop after this long (default: run until interrupted).")
  Duration timeout;

  @Option(
      names = "--emit",
      paramLabel = "TYPE=JSON",
      description =
          "Send this event on every connect, e.g. to subscribe (@FILE: JSON from a file, -:"
              + " stdin; repeatable).")
  Map<String, String> hellos = new LinkedHashMap<>();

  @Option(
      names = "--reconnect",
      description = "Reconnect (every 500 ms, node-ipc's retry) when the connection ends.")
  boolean reconnect;

  @Option(names = "--raw", description = "node-ipc's rawBuffer: bytes, no events (profile raw).")
  boolean rawBuffer;

  @Mixin PeerOptions peer;

  @Mixin TlsFlags.Client tls;

  @Spec CommandSpec spec;

  private final CompletableFuture<Integer> end = new CompletableFuture<>();
  private final CompletableFuture<Void> stopRequested = new CompletableFuture<>();
  private final CompletableFuture<PeerLink> linkReady = new CompletableFuture<>();
  private final AtomicLong received = new AtomicLong();
  private EventLines lines;
  private Map<String, Object> hello;

  @Override
  public Integer call() {
    lines =
        new EventLines(spec.commandLine().getOut(), spec.commandLine().getErr(), "jipc listen: ");
    if (count < 0) {
      throw peer.usage("--count must be 0 or more, not " + count);
    }
    IpcConfig.Builder builder = peer.config(target, tls, rawBuffer);
    if (!reconnect) {
      builder.maxRetries(0);
    }
    IpcConfig config = peer.build(builder);
    hello =
        parseHellos(
            config.profile() == Profile.RAW,
            new JsonArgument(System.in, config.limits().maxMessageSize()));
    Endpoint endpoint = peer.endpoint(target, config, false);
    long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
    PeerLink link;
    try {
      link = PeerLink.open(endpoint, config, new Printer());
    } catch (UncheckedIOException e) {
      throw new CommandFailure(
          Main.EXIT_CONNECT, FailureText.inContext("cannot bind a local UDP port", e.getCause()));
    }
    linkReady.complete(link);
    Lifetime lifetime =
        new Lifetime(
            () -> {
              stopRequested.complete(null);
              end.complete(Main.EXIT_OK);
            },
            "jipc-listen-stop");
    try {
      awaitConnect(link, config, deadline);
      return awaitEnd(deadline);
    } finally {
      link.close();
      lifetime.close();
    }
  }

  private Map<String, Object> parseHellos(boolean raw, JsonArgument arguments) {
    if (raw && !hellos.isEmpty()) {
      throw peer.usage("--emit needs events; the raw profile has none");
    }
    Map<String, Object> parsed = new LinkedHashMap<>();
    hellos.forEach(
        (type, json) -> {
          try {
            parsed.put(type, arguments.parse(json));
          } catch (IllegalArgumentException e) {
            throw peer.usage("--emit " + type + ": " + e.getMessage());
          }
        });
    return parsed;
  }

  private void awaitConnect(PeerLink link, IpcConfig config, long deadline) {
    long bound =
        reconnect ? deadline : System.nanoTime() + config.connectTimeout().plusSeconds(5).toNanos();
    try {
      CompletableFuture.anyOf(link.connected(), stopRequested)
          .get(Math.max(0, bound - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (!link.connected().isDone() || link.connected().isCompletedExceptionally()) {
        return; // Ctrl-C while connecting: a requested stop
      }
      Endpoint local = link.localEndpoint();
      lines.note(
          local == null ? "connected to " + target : "sending from " + local + " to " + target);
    } catch (TimeoutException e) {
      throw new CommandFailure(Main.EXIT_CONNECT, "cannot connect to " + target + " in time");
    } catch (ExecutionException e) {
      throw new CommandFailure(Main.EXIT_CONNECT, FailureText.connectFailure(target, e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailure(Main.EXIT_FAILED, "interrupted while connecting");
    }
  }

  private int awaitEnd(long deadline) {
    try {
      return end.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      if (count > 0) {
        throw new CommandFailure(
            Main.EXIT_TIMEOUT,
            "received "
                + received.get()
                + " of "
                + count
                + " events within "
                + DurationConverter.format(timeout));
      }
      return Main.EXIT_OK;
    } catch (ExecutionException e) {
      throw (CommandFailure) e.getCause();
    } catch (InterruptedException e) {
      // Interrupted is how an embedding caller stops listen; it ends normally.
      Thread.currentThread().interrupt();
      return Main.EXIT_OK;
    }
  }

  /** Prints events, notes what happens to the connection, and decides when listening ends. */
  private final class Printer implements PeerLink.Listener {
    private volatile boolean open;

    @Override
    public void opened() {
      open = true;
      if (!hello.isEmpty()) {
        linkReady.thenAccept(this::sayHello);
      }
    }

    private void sayHello(PeerLink link) {
      try {
        hello.forEach(link::emit);
      } catch (IllegalArgumentException | IllegalStateException e) {
        end.completeExceptionally(
            new CommandFailure(
                Main.EXIT_PROTOCOL, "cannot send --emit: " + FailureText.describe(e)));
      }
    }

    @Override
    public void event(String type, Object data) {
      lines.event(target.toString(), type, data);
      if (count > 0 && received.incrementAndGet() >= count) {
        end.complete(Main.EXIT_OK);
      }
    }

    @Override
    public void error(Throwable failure) {
      if (failure instanceof IpcProtocolException protocol
          && (!reconnect || IpcProtocolException.TLS_MISMATCH.equals(protocol.code()))) {
        end.completeExceptionally(CommandFailure.protocolError(protocol)); // no retry mends that
      } else if (open && !end.isDone()) {
        lines.note("error: " + FailureText.describe(failure));
      }
    }

    @Override
    public void closed() {
      boolean wasOpen = open;
      open = false;
      if (reconnect) {
        if (wasOpen) {
          lines.note("disconnected from " + target + "; reconnecting");
        }
      } else {
        end.completeExceptionally(
            new CommandFailure(Main.EXIT_FAILED, target + " closed the connection"));
      }
    }
  }
}
