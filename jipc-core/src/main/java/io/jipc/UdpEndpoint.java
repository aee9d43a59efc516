package io.jipc;

import io.jipc.internal.UdpServer;
import java.net.InetSocketAddress;

/**
 * A server on a UDP endpoint: node-ipc's {@code serveNet(host, port, 'udp4' | 'udp6')}. It has no
 * connections. Each sender (address and port) is a "socket" that exists from its first datagram
 * until it has been silent for {@code udpPeerTimeout}; {@code connect} fires once when the endpoint
 * is bound (with a null socket, as node-ipc does); {@code broadcast} sends to every sender heard
 * from; and {@link #emit(InetSocketAddress, String, Object)} sends to any address. One frame
 * travels in one datagram; loss is not reported, because UDP does not know.
 *
 * <p>Requests need a connection to answer on, so {@link #onRequest} and {@link IpcSocket#request}
 * throw {@link UnsupportedOperationException} here; frames of jipc's own types ({@code jipc.*})
 * reach handlers as ordinary events.
 */
public interface UdpEndpoint extends IpcServer {

  /**
   * Returns a UDP endpoint for {@code endpoint} with {@code config}; call {@link #start()} next.
   */
  static UdpEndpoint create(Endpoint.Udp endpoint, IpcConfig config) {
    return new UdpServer(endpoint, config);
  }

  /**
   * Sends one event in one datagram to {@code to}, node-ipc's {@code ipc.server.emit({address,
   * port}, type, data)}.
   *
   * @return false if the endpoint is not started or closed
   * @throws IllegalArgumentException if the frame does not fit one datagram, or as {@link
   *     IpcSocket#emit(String, Object)}
   */
  boolean emit(InetSocketAddress to, String type, Object data);

  /**
   * Raw profile: sends {@code bytes} in one datagram to {@code to}.
   *
   * @return false if the endpoint is not started or closed
   * @throws IllegalArgumentException if the bytes do not fit one datagram
   */
  boolean emit(InetSocketAddress to, byte[] bytes);
}
