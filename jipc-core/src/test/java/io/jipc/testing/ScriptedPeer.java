package io.jipc.testing;

import io.jipc.Endpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A peer that speaks raw bytes, for misbehaving on cue: half frames, garbage, oversize frames,
 * stalls. Connect to a server with {@link #connect(Endpoint)}, or {@link #listen(Endpoint)} and
 * {@link Listener#accept()} to face a client. A background thread collects what arrives.
 */
public final class ScriptedPeer implements AutoCloseable {
  private static final byte[] EOF = new byte[0];

  private final SocketChannel channel;
  private final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
  private final ByteArrayOutputStream unread = new ByteArrayOutputStream();
  private boolean eof;

  private ScriptedPeer(SocketChannel channel) {
    this.channel = channel;
    Thread reader = new Thread(this::readLoop, "scripted-peer-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** Connects to a server's endpoint (Unix path or TCP host:port). */
  public static ScriptedPeer connect(Endpoint endpoint) throws IOException {
    SocketChannel channel;
    if (endpoint instanceof Endpoint.Unix unix) {
      channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      channel.connect(UnixDomainSocketAddress.of(unix.path()));
    } else {
      Endpoint.Tcp tcp = (Endpoint.Tcp) endpoint;
      channel = SocketChannel.open(new InetSocketAddress(tcp.host(), tcp.port()));
    }
    return new ScriptedPeer(channel);
  }

  /** Listens on {@code endpoint} (a TCP port 0 is replaced by the bound one). */
  public static Listener listen(Endpoint endpoint) throws IOException {
    return new Listener(endpoint);
  }

  private void readLoop() {
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    try {
      while (channel.read(buffer.clear()) >= 0) {
        byte[] chunk = new byte[buffer.position()];
        buffer.flip().get(chunk);
        received.add(chunk);
      }
    } catch (IOException e) {
      // A closed or reset connection ends the stream like EOF does.
    }
    received.add(EOF);
  }

  /** Writes bytes as one write call. */
  public ScriptedPeer send(byte[] bytes) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    return this;
  }

  /** Writes UTF-8 text as one write call. */
  public ScriptedPeer send(String text) throws IOException {
    return send(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Ends the outgoing direction (half-close). */
  public void shutdownOutput() throws IOException {
    channel.shutdownOutput();
  }

  /** Reads until {@code count} bytes arrived (or fails after {@code timeout}). */
  public byte[] read(int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (unread.size() < count) {
      if (!poll(deadline)) {
        throw new AssertionError(
            "only " + unread.size() + " of " + count + " bytes within " + timeout);
      }
    }
    byte[] all = unread.toByteArray();
    unread.reset();
    unread.write(all, count, all.length - count);
    return java.util.Arrays.copyOf(all, count);
  }

  /** Reads one frame of UTF-8 text ending with {@code \f}, without the delimiter. */
  public String readFrame(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      byte[] all = unread.toByteArray();
      for (int i = 0; i < all.length; i++) {
        if (all[i] == '\f') {
          unread.reset();
          unread.write(all, i + 1, all.length - i - 1);
          return new String(all, 0, i, StandardCharsets.UTF_8);
        }
      }
      if (!poll(deadline)) {
        throw new AssertionError(
            "no complete frame within " + timeout + "; have " + all.length + " bytes");
      }
    }
  }

  /** Waits until the other side closes; returns every byte that arrived before. */
  public byte[] readToEof(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!eof) {
      if (!poll(deadline)) {
        throw new AssertionError("the peer did not close within " + timeout);
      }
    }
    byte[] all = unread.toByteArray();
    unread.reset();
    return all;
  }

  private boolean poll(long deadline) {
    if (eof) {
      return false;
    }
    try {
      byte[] chunk = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (chunk == null) {
        return false;
      }
      if (chunk == EOF) {
        eof = true;
      } else {
        unread.write(chunk, 0, chunk.length);
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  /** A listening raw socket that hands out {@link ScriptedPeer}s. */
  public static final class Listener implements AutoCloseable {
    private final ServerSocketChannel server;
    private final Endpoint endpoint;

    private Listener(Endpoint endpoint) throws IOException {
      if (endpoint instanceof Endpoint.Unix unix) {
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(unix.path()));
        this.endpoint = endpoint;
      } else {
        Endpoint.Tcp tcp = (Endpoint.Tcp) endpoint;
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(tcp.host(), tcp.port()));
        this.endpoint =
            Endpoint.tcp(tcp.host(), ((InetSocketAddress) server.getLocalAddress()).getPort());
      }
    }

    /** Returns the bound endpoint. */
    public Endpoint endpoint() {
      return endpoint;
    }

    /** Waits for the next connection. */
    public ScriptedPeer accept() throws IOException {
      return new ScriptedPeer(server.accept());
    }

    @Override
    public void close() throws IOException {
      server.close();
      if (endpoint instanceof Endpoint.Unix unix) {
        java.nio.file.Files.deleteIfExists(unix.path());
      }
    }
  }
}
