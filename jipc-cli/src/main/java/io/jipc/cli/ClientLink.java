package io.jipc.cli;

import io.jipc.Endpoint;
import io.jipc.IpcClient;
import io.jipc.IpcConfig;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link PeerLink} to a stream target (unix, tcp, tls): an {@link IpcClient} that starts
 * connecting when created and reports wire events, errors, connects and disconnects to its listener
 * on the client's thread. Thread-safe.
 */
final class ClientLink implements PeerLink {
  private final IpcClient client;
  private final CompletableFuture<IpcClient> connected;

  ClientLink(Endpoint endpoint, IpcConfig config, Listener listener) {
    client = IpcClient.create(endpoint, config);
    client.on(
        "*",
        (type, data) -> {
          if (!EventLines.isLifecycle(type, data)) {
            listener.event(type, data);
          }
        });
    client.on("error", data -> listener.error((Throwable) data));
    client.on("connect", listener::opened);
    client.on("disconnect", listener::closed);
    connected = client.connect();
  }

  @Override
  public CompletableFuture<?> connected() {
    return connected;
  }

  @Override
  public boolean emit(String type, Object data) {
    return client.emit(type, data);
  }

  @Override
  public boolean write(String text) {
    return client.write(text);
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
  public void close() {
    client.close();
  }
}
