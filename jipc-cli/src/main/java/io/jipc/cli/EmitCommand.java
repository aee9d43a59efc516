package io.jipc.cli;

import io.jipc.Endpoint;
import io.jipc.IpcConfig;
import io.jipc.IpcProtocolException;
import io.jipc.Profile;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jipc emit <target> <type> [json]}: connects once (no retries), sends one event, optionally
 * waits for one event and prints it as a JSON line, then disconnects after flushing. The exit
 * status says what happened; see {@link Main}.
 */
@Command(
    name = "emit",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Connect, send one event, optionally wait for one and print it as a JSON line.",
      "Exit status: 0 ok, 1 failed, 2 usage, 3 cannot connect, 4 timed out waiting,",
      "5 protocol error (the profile refused the event, or the peer broke the rules)."
    })
final class EmitCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "<target>",
      converter = Target.Converter.class,
      description = "Where to send; the forms of `jipc serve`. UDP sends from a free local port.")
  Target target;

  @Parameters(
      index = "1",
      paramLabel = "<type>",
      description = "The event type; with --raw, the text to send.")
  String type;

  @Parameters(
      index = "2",
      arity = "0..1",
      paramLabel = "[json]",
      description =
          "The event's data as JSON, @FILE to read it from a file, - from stdin (default: {},"
              + " as node-ipc sends without data).")
  String json;

  @Option(
      names = "--wait",
      paramLabel = "TYPE",
      description = "Wait for an event of TYPE (* for any; data with --raw) and print it.")
  String waitFor;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      defaultValue = "${env:JIPC_TIMEOUT:-5s}",
      description = "Bound for connecting and for --wait (env JIPC_TIMEOUT; default: 5s).")
  Duration timeout;

  @Option(names = "--raw", description = "node-ipc's rawBuffer: bytes, no events (profile raw).")
  boolean rawBuffer;

  @Mixin PeerOptions peer;

  @Mixin TlsFlags.Client tls;

  @Spec CommandSpec spec;

  private final CompletableFuture<Received> reply = new CompletableFuture<>();
  private volatile CommandFailure mismatch; // One side speaks TLS, the other not: exit 3.

  @Override
  public Integer call() {
    EventLines lines =
        new EventLines(spec.commandLine().getOut(), spec.commandLine().getErr(), "jipc emit: ");
    if (timeout.isZero()) {
      throw peer.usage("--timeout must be more than 0");
    }
    Duration connectTimeout =
        timeout.compareTo(Duration.ofDays(1)) > 0 ? Duration.ofDays(1) : timeout;
    IpcConfig config =
        peer.build(
            peer.config(target, tls, rawBuffer).maxRetries(0).connectTimeout(connectTimeout));
    boolean raw = config.profile() == Profile.RAW;
    Object data = data(raw, new JsonArgument(System.in, config.limits().maxMessageSize()));
    Endpoint endpoint = peer.endpoint(target, config, false);
    long deadline = System.nanoTime() + timeout.toNanos();
    PeerLink link;
    try {
      link = PeerLink.open(endpoint, config, new Waiter());
    } catch (UncheckedIOException e) {
      throw new CommandFailure(
          Main.EXIT_CONNECT, FailureText.inContext("cannot bind a local UDP port", e.getCause()));
    }
    try {
      await(link.connected(), deadline, "connect to " + target, Main.EXIT_CONNECT);
      send(link, raw, data);
      if (waitFor == null) {
        await(link.flush(), deadline, "send to " + target, Main.EXIT_FAILED);
        // The close reads on until the server's end: a TLS server's alert to this plain client
        // arrives then, after the event left, and means the event was lost.
        link.close();
        if (mismatch != null) {
          throw mismatch;
        }
        return Main.EXIT_OK;
      }
      Received event =
          await(reply, deadline, "receive " + waitFor + " from " + target, Main.EXIT_PROTOCOL);
      lines.event(target.toString(), event.type(), event.data());
      return Main.EXIT_OK;
    } finally {
      link.close();
    }
  }

  private Object data(boolean raw, JsonArgument arguments) {
    if (raw) {
      if (json != null) {
        throw peer.usage("with --raw, emit sends <type> as text; there is no [json]");
      }
      if (waitFor != null && !waitFor.equals("data") && !waitFor.equals("*")) {
        throw peer.usage("with --raw, the only event is data: use --wait data");
      }
      return null;
    }
    if (json == null) {
      return new LinkedHashMap<String, Object>();
    }
    try {
      return arguments.parse(json);
    } catch (IllegalArgumentException e) {
      throw peer.usage("[json]: " + e.getMessage());
    }
  }

  private void send(PeerLink link, boolean raw, Object data) {
    boolean sent;
    try {
      sent = raw ? link.write(type) : link.emit(type, data);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new CommandFailure(Main.EXIT_PROTOCOL, "cannot send " + type + ": " + describe(e));
    }
    if (!sent) {
      throw new CommandFailure(Main.EXIT_CONNECT, "not connected to " + target + " any more");
    }
  }

  /**
   * Waits for {@code future} until {@code deadline}: a timeout exits with {@link
   * Main#EXIT_TIMEOUT}, or with {@code failedCode} while connecting; a failure with {@code
   * failedCode}, unless it is a {@link CommandFailure} of its own.
   */
  private <T> T await(CompletableFuture<T> future, long deadline, String what, int failedCode) {
    try {
      return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      int code = failedCode == Main.EXIT_CONNECT ? Main.EXIT_CONNECT : Main.EXIT_TIMEOUT;
      throw new CommandFailure(
          code, "cannot " + what + " within " + DurationConverter.format(timeout));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof CommandFailure failure) {
        throw failure;
      }
      if (failedCode == Main.EXIT_CONNECT) {
        throw new CommandFailure(failedCode, FailureText.connectFailure(target, e.getCause()));
      }
      throw new CommandFailure(failedCode, "cannot " + what + ": " + describe(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailure(Main.EXIT_FAILED, "interrupted");
    }
  }

  private static String describe(Throwable failure) {
    return FailureText.describe(failure);
  }

  /**
   * Completes {@link #reply} with the awaited event, or with why it cannot come. A failed connect
   * attempt also fails it, but then the command stops at connecting and never reads it.
   */
  private final class Waiter implements PeerLink.Listener {
    @Override
    public void event(String type, Object data) {
      if (waitFor != null && (waitFor.equals("*") || waitFor.equals(type))) {
        reply.complete(new Received(type, data));
      }
    }

    @Override
    public void error(Throwable failure) {
      if (failure instanceof IpcProtocolException protocol) {
        CommandFailure ending = CommandFailure.protocolError(protocol);
        if (ending.exitCode() == Main.EXIT_CONNECT) {
          mismatch = ending;
        }
        reply.completeExceptionally(ending);
      }
    }

    @Override
    public void closed() {
      // Also fires after a failed connect attempt; then nobody waits for the reply.
      reply.completeExceptionally(
          new CommandFailure(
              Main.EXIT_FAILED, target + " closed the connection before " + waitFor + " arrived"));
    }
  }

  /** The awaited event. */
  private record Received(String type, Object data) {}
}
