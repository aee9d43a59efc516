package io.jipc.bench;

import io.jipc.Endpoint;
import io.jipc.IpcClient;
import io.jipc.IpcConfig;
import io.jipc.TlsOptions;
import io.jipc.UdpEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * How the bench client reaches the server: a stream client (unix, tcp, tls), or, for udp4, a UDP
 * endpoint of its own on 127.0.0.1 that sends datagrams to the server's address, as node-ipc's UDP
 * examples do. Replies arrive on the handlers given to {@link #open}. Thread-safe.
 */
interface Link extends io.jipc.cli.bench.Link, AutoCloseable {
  /** Returns a future completed once the link can send. */
  CompletableFuture<?> connected();

  @Override
  void close();

  /**
   * Opens the link for {@code settings}: {@code pong} and {@code done} receive those events' data,
   * {@code failure} any error or disconnect.
   */
  static Link open(
      Client.Settings settings,
      Consumer<Object> pong,
      Consumer<Object> done,
      Consumer<String> failure) {
    Endpoint endpoint = BenchSetup.endpoint(settings.transport(), settings.addr());
    IpcConfig.Builder config =
        BenchSetup.config(settings.profile()).closeTimeout(Duration.ofMillis(500));
    if (endpoint instanceof Endpoint.Udp udp) {
      return udp(udp, config.build(), pong, done, failure);
    }
    if (settings.transport().equals("tls")) {
      TlsOptions.Builder tls = TlsOptions.builder();
      if (!settings.ca().isEmpty()) {
        tls.trustedConnections(Path.of(settings.ca()));
      }
      config.tls(tls.build());
    }
    IpcClient client =
        IpcClient.create(endpoint, config.retry(Duration.ofMillis(100)).maxRetries(50).build());
    client.on("pong", pong::accept);
    client.on("done", done::accept);
    client.on("disconnect", () -> failure.accept("server closed the connection"));
    client.on("error", data -> failure.accept("socket error: " + data));
    CompletableFuture<?> connected = client.connect();
    return new Link() {
      @Override
      public boolean emit(String type, Object data) {
        return client.emit(type, data);
      }

      @Override
      public long pendingBytes() {
        return client.pendingBytes();
      }

      @Override
      public CompletableFuture<Void> flush() {
        return client.flush();
      }

      @Override
      public CompletableFuture<?> connected() {
        return connected;
      }

      @Override
      public void close() {
        client.close();
      }
    };
  }

  private static Link udp(
      Endpoint.Udp server,
      IpcConfig config,
      Consumer<Object> pong,
      Consumer<Object> done,
      Consumer<String> failure) {
    UdpEndpoint local = UdpEndpoint.create(Endpoint.udp4("127.0.0.1", 0), config);
    local.on("pong", (data, socket) -> pong.accept(data));
    local.on("done", (data, socket) -> done.accept(data));
    local.on("error", (data, socket) -> failure.accept("socket error: " + data));
    try {
      local.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    InetSocketAddress target = new InetSocketAddress(server.host(), server.port());
    return new Link() {
      @Override
      public boolean emit(String type, Object data) {
        return local.emit(target, type, data);
      }

      @Override
      public long pendingBytes() {
        return 0;
      }

      @Override
      public CompletableFuture<Void> flush() {
        return CompletableFuture.completedFuture(null);
      }

      @Override
      public CompletableFuture<?> connected() {
        return CompletableFuture.completedFuture(null);
      }

      @Override
      public void close() {
        local.close();
      }
    };
  }
}
