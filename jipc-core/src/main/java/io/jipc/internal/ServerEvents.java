package io.jipc.internal;

import io.jipc.AnySocketEventHandler;
import io.jipc.IpcConfig;
import io.jipc.IpcServer;
import io.jipc.IpcSocket;
import io.jipc.SocketEventHandler;
import io.jipc.internal.codec.EventCodec;
import java.util.Map;

/**
 * What every server (stream or UDP) does the same way: its handler registry, the three {@code on}
 * forms and {@code off}, emitting to one socket, the empty-data broadcast, {@code stop()}, and
 * node-ipc's {@code identifyPeer} rule. Thread-safe, as {@link Handlers} is.
 */
public abstract class ServerEvents implements IpcServer {
  /** The log of this server, by its config's {@code silent}, {@code logger}. */
  protected final Log log;

  /** The handlers of this server; subclasses dispatch through it. */
  protected final Handlers handlers;

  /**
   * Creates the log and the registry for a server configured by {@code config}; {@code owner} names
   * it in handler errors ("server 127.0.0.1:8000").
   */
  protected ServerEvents(IpcConfig config, String owner) {
    this.log = new Log(config);
    this.handlers = new Handlers(log, owner);
  }

  @Override
  public IpcServer on(String type, SocketEventHandler handler) {
    handlers.add(type, handler, (t, data, socket) -> handler.handle(data, socket));
    return this;
  }

  @Override
  public IpcServer on(String type, Runnable handler) {
    handlers.add(type, handler, (t, data, socket) -> handler.run());
    return this;
  }

  @Override
  public IpcServer on(String type, AnySocketEventHandler handler) {
    handlers.add(type, handler, handler::handle);
    return this;
  }

  @Override
  public IpcServer off(String type, Object handler) {
    handlers.remove(type, handler);
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

  @Override
  public int broadcast(String type) {
    return broadcast(type, EventCodec.EMPTY_DATA);
  }

  @Override
  public void stop() {
    close();
  }

  /**
   * Returns the id a peer claims with {@code data.id} under {@code identifyPeer} (node-ipc copies
   * any truthy {@code id} onto the socket), or null when {@code data} claims none. The claim is the
   * peer's word, never authenticated.
   */
  public static String claimedId(Object data) {
    if (data instanceof Map<?, ?> map) {
      Object id = map.get("id");
      boolean truthy =
          id != null
              && !Boolean.FALSE.equals(id)
              && !"".equals(id)
              && !(id instanceof Number n
                  && (n.doubleValue() == 0 || Double.isNaN(n.doubleValue())));
      return truthy ? String.valueOf(id) : null;
    }
    return null;
  }
}
