package io.jipc.internal.udp;

import io.jipc.AnySocketEventHandler;
import io.jipc.Endpoint;
import io.jipc.IpcConfig;
import io.jipc.IpcServer;
import io.jipc.IpcSocket;
import io.jipc.SocketEventHandler;
import java.io.IOException;
import java.util.List;

/** Placeholder: the UDP server (being written). */
public final class UdpServer implements IpcServer {
  private final Endpoint.Udp endpoint;
  private final IpcConfig config;

  /** Creates a UDP server. */
  public UdpServer(Endpoint.Udp endpoint, IpcConfig config) {
    this.endpoint = endpoint;
    this.config = config;
  }

  @Override
  public Endpoint endpoint() {
    return endpoint;
  }

  @Override
  public IpcConfig config() {
    return config;
  }

  @Override
  public void start() throws IOException {
    throw new UnsupportedOperationException("UDP is not written yet");
  }

  @Override
  public IpcServer on(String type, SocketEventHandler handler) {
    return this;
  }

  @Override
  public IpcServer on(String type, Runnable handler) {
    return this;
  }

  @Override
  public IpcServer on(String type, AnySocketEventHandler handler) {
    return this;
  }

  @Override
  public IpcServer off(String type, Object handler) {
    return this;
  }

  @Override
  public boolean emit(IpcSocket socket, String type, Object data) {
    return false;
  }

  @Override
  public boolean emit(IpcSocket socket, String type) {
    return false;
  }

  @Override
  public boolean emit(IpcSocket socket, byte[] bytes) {
    return false;
  }

  @Override
  public int broadcast(String type, Object data) {
    return 0;
  }

  @Override
  public int broadcast(String type) {
    return 0;
  }

  @Override
  public int broadcast(byte[] bytes) {
    return 0;
  }

  @Override
  public List<IpcSocket> sockets() {
    return List.of();
  }

  @Override
  public void stop() {}

  @Override
  public void close() {}
}
