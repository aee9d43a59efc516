package io.jipc.internal;

import io.jipc.IpcConfig;
import io.jipc.IpcServer;
import io.jipc.IpcSocket;
import io.jipc.internal.codec.EventCodec;
import java.util.Objects;
import java.util.Optional;

/**
 * What both servers (stream and UDP) do the same way over their {@link EndpointCore}: the three
 * {@code on} forms, {@code off} and {@code onRequest}, emitting to one socket, the empty-data
 * broadcast, {@code config()} and {@code stop()}. Thread-safe, as the core is.
 */
abstract class ServerEvents implements IpcServer {
  /** The server's lifecycle, handlers, log and lanes. */
  final EndpointCore core;

  /** The server's configuration. */
  final IpcConfig config;

  /** Creates the core of a server configured by {@code config}, named {@code owner} in messages. */
  ServerEvents(IpcConfig config, String owner) {
    this.config = Objects.requireNonNull(config, "config");
    this.core = new EndpointCore(config, owner);
  }

  @Override
  public IpcConfig config() {
    return config;
  }

  @Override
  public IpcServer on(String type, IpcServer.Handler handler) {
    core.handlers.add(type, handler, (t, data, socket) -> handler.handle(data, socket));
    return this;
  }

  @Override
  public IpcServer on(String type, Runnable handler) {
    core.handlers.add(type, handler, (t, data, socket) -> handler.run());
    return this;
  }

  @Override
  public IpcServer on(String type, IpcServer.AnyHandler handler) {
    core.handlers.add(type, handler, handler::handle);
    return this;
  }

  @Override
  public IpcServer off(String type, IpcServer.Handler handler) {
    core.handlers.remove(type, handler);
    return this;
  }

  @Override
  public IpcServer off(String type, Runnable handler) {
    core.handlers.remove(type, handler);
    return this;
  }

  @Override
  public IpcServer off(String type, IpcServer.AnyHandler handler) {
    core.handlers.remove(type, handler);
    return this;
  }

  @Override
  public IpcServer onRequest(String type, RequestHandler handler) {
    core.responders.put(type, handler);
    return this;
  }

  @Override
  public boolean emit(IpcSocket socket, String type, Object data) {
    return socket.emit(type, data);
  }

  @Override
  public boolean emit(IpcSocket socket, String type) {
    return socket.emit(type);
  }

  @Override
  public boolean emit(IpcSocket socket, byte[] bytes) {
    return socket.emit(bytes);
  }

  /** Finds a socket by id among {@link #sockets()}: O(sockets), for the peers a server names. */
  @Override
  public Optional<IpcSocket> socket(String id) {
    Objects.requireNonNull(id, "id");
    for (IpcSocket socket : sockets()) {
      if (id.equals(socket.id())) {
        return Optional.of(socket);
      }
    }
    return Optional.empty();
  }

  @Override
  public int broadcast(String type) {
    return broadcast(type, EventCodec.EMPTY_DATA);
  }

  @Override
  public void stop() {
    close();
  }
}
