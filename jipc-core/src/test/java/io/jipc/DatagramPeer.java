package io.jipc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A raw UDP peer of a UDP server under test: a {@link DatagramSocket} on a loopback address that
 * sends bytes as scripted (half frames, garbage, several frames at once) and waits, bounded, for
 * datagrams. Not thread-safe: one test thread drives it.
 */
final class DatagramPeer implements AutoCloseable {
  private static final int WAIT_MILLIS = 10_000;

  private final DatagramSocket socket;
  private final InetSocketAddress server;

  /** Binds a peer on {@code loopback} (any free port) that talks to {@code server}. */
  DatagramPeer(InetAddress loopback, IpcServer server) throws IOException {
    this.socket = new DatagramSocket(new InetSocketAddress(loopback, 0));
    this.socket.setSoTimeout(WAIT_MILLIS);
    this.server = addressOf(server);
  }

  /** Returns where a started UDP server listens. */
  static InetSocketAddress addressOf(IpcServer server) {
    Endpoint.Udp udp = (Endpoint.Udp) server.endpoint();
    return new InetSocketAddress(udp.host(), udp.port());
  }

  /** Returns this peer's address, as the server sees it. */
  InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  /** Returns the id the server gives this peer: {@code 127.0.0.1:port}. */
  String id() {
    return "127.0.0.1:" + socket.getLocalPort();
  }

  /** Sends {@code text} (UTF-8) as one datagram; {@code \f} in it is the frame delimiter. */
  DatagramPeer send(String text) {
    return send(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Sends {@code bytes} as one datagram to the server. */
  DatagramPeer send(byte[] bytes) {
    try {
      socket.send(new DatagramPacket(bytes, bytes.length, server));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends one frame of {@code type} whose data is the JSON text {@code json}. */
  DatagramPeer sendFrame(String type, String json) {
    return send("{\"type\":\"" + type + "\",\"data\":" + json + "}\f");
  }

  /** Waits up to 10 s for the next datagram and returns its bytes; fails the test if none. */
  byte[] receive() {
    byte[] buffer = new byte[65_536];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    try {
      socket.receive(packet);
    } catch (SocketTimeoutException e) {
      throw new AssertionError("no datagram within " + WAIT_MILLIS + " ms at " + address());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Arrays.copyOf(buffer, packet.getLength());
  }

  /** Waits for the next datagram and returns it as UTF-8 text. */
  String receiveText() {
    return new String(receive(), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    socket.close();
  }
}
