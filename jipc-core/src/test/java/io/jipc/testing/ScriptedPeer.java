package io.jipc.testing;

import io.jipc.Endpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A peer that speaks raw bytes, for misbehaving on cue: half frames, garbage, oversize frames,
 * stalls. Connect to a server with {@link #connect(Endpoint)}, or {@link #listen(Endpoint)} and
 * {@link Listener#accept()} to face a client. A background thread collects what arrives.
 */
public final class ScriptedPeer implements AutoCloseable {
  private static final byte[] EOF = new byte[0];

  /** The connection under the peer: a plain channel or a TLS socket. */
  private interface Wire extends AutoCloseable {
    int read(byte[] buf) throws IOException;

    void write(byte[] bytes) throws IOException;

    void shutdownOutput() throws IOException;

    @Override
    void close() throws IOException;
  }

  private final Wire wire;
  private final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
  private final ByteArrayOutputStream unread = new ByteArrayOutputStream();
  private boolean eof;

  private ScriptedPeer(SocketChannel channel) {
    this(
        new Wire() {
          @Override
          public int read(byte[] buf) throws IOException {
            return channel.read(ByteBuffer.wrap(buf));
          }

          @Override
          public void write(byte[] bytes) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
              channel.write(buffer);
            }
          }

          @Override
          public void shutdownOutput() throws IOException {
            channel.shutdownOutput();
          }

          @Override
          public void close() throws IOException {
            channel.close();
          }
        });
  }

  private ScriptedPeer(SSLSocket socket) throws IOException {
    this(
        new Wire() {
          private final InputStream in = socket.getInputStream();
          private final OutputStream out = socket.getOutputStream();

          @Override
          public int read(byte[] buf) throws IOException {
            return in.read(buf);
          }

          @Override
          public void write(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
          }

          @Override
          public void shutdownOutput() throws IOException {
            socket.shutdownOutput();
          }

          @Override
          public void close() throws IOException {
            socket.close();
          }
        });
  }

  private ScriptedPeer(Wire wire) {
    this.wire = wire;
    Thread reader = new Thread(this::readLoop, "scripted-peer-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Connects to a TLS server at {@code endpoint} with {@code context}, and completes the handshake
   * before returning.
   */
  public static ScriptedPeer connectTls(Endpoint.Tcp endpoint, SSLContext context)
      throws IOException {
    SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
    try {
      socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), 5000);
      socket.setSoTimeout(0);
      socket.startHandshake();
      return new ScriptedPeer(socket);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /** Listens for TLS clients on {@code endpoint} with {@code context} as the server's keys. */
  public static Listener listenTls(Endpoint.Tcp endpoint, SSLContext context) throws IOException {
    return new Listener(endpoint, context);
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
    byte[] buffer = new byte[64 * 1024];
    try {
      int n;
      while ((n = wire.read(buffer)) >= 0) {
        received.add(Arrays.copyOf(buffer, n));
      }
    } catch (IOException e) {
      // A closed or reset connection ends the stream like EOF does.
    }
    received.add(EOF);
  }

  /** Writes bytes as one write call. */
  public ScriptedPeer send(byte[] bytes) throws IOException {
    wire.write(bytes);
    return this;
  }

  /** Writes UTF-8 text as one write call. */
  public ScriptedPeer send(String text) throws IOException {
    return send(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Ends the outgoing direction (half-close). */
  public void shutdownOutput() throws IOException {
    wire.shutdownOutput();
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
    return Arrays.copyOf(all, count);
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
    wire.close();
  }

  /** A listening raw socket that hands out {@link ScriptedPeer}s. */
  public static final class Listener implements AutoCloseable {
    private final ServerSocketChannel server;
    private final SSLServerSocket tlsServer;
    private final Endpoint endpoint;

    private Listener(Endpoint.Tcp tcp, SSLContext context) throws IOException {
      server = null;
      tlsServer = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
      tlsServer.bind(new InetSocketAddress(tcp.host(), tcp.port()));
      endpoint = Endpoint.tcp(tcp.host(), tlsServer.getLocalPort());
    }

    private Listener(Endpoint endpoint) throws IOException {
      tlsServer = null;
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
      if (tlsServer != null) {
        SSLSocket socket = (SSLSocket) tlsServer.accept();
        socket.startHandshake();
        return new ScriptedPeer(socket);
      }
      return new ScriptedPeer(server.accept());
    }

    @Override
    public void close() throws IOException {
      if (tlsServer != null) {
        tlsServer.close();
        return;
      }
      server.close();
      if (endpoint instanceof Endpoint.Unix unix) {
        java.nio.file.Files.deleteIfExists(unix.path());
      }
    }
  }
}
