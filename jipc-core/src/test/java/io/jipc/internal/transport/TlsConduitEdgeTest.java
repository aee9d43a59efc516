package io.jipc.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jipc.testing.TestPki;
import io.jipc.testing.TestSslContexts;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The TLS conduit at interleavings that are hard to reach over a live socket, reproduced
 * deterministically by driving the engines by hand.
 */
class TlsConduitEdgeTest {
  private static final TestPki PKI = TestPki.shared();
  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  private ServerSocketChannel listener;
  private SocketChannel clientSide;
  private ChannelConduit serverNet;

  @BeforeEach
  void connect() throws IOException {
    listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
    clientSide = SocketChannel.open(listener.getLocalAddress());
    serverNet = new ChannelConduit(listener.accept());
  }

  @AfterEach
  void close() throws IOException {
    serverNet.close();
    clientSide.close();
    listener.close();
  }

  /**
   * TLS 1.2: the reader thread's unwrap of the peer's close_notify closes the engine's outbound
   * side at once. A write by the writer thread right after, before the reader has done anything
   * else, must be dropped like every write after the peer's close, not fail the connection (which
   * would report a spurious error and drop the plaintext just read).
   */
  @Test
  void writeBetweenUnwrapOfCloseNotifyAndPeerClosedIsDroppedNotFailed() throws Exception {
    SSLEngine server = serverEngine();
    SSLEngine client = clientEngine();
    handshakeInMemory(client, server);
    TlsOutput output = new TlsOutput(serverNet, server);

    // The reader thread: unwraps the peer's close_notify ...
    SSLEngineResult result = server.unwrap(closeNotifyOf(client), ByteBuffer.allocate(1 << 16));
    assertThat(result.getStatus()).isEqualTo(SSLEngineResult.Status.CLOSED);
    // ... and before it reaches afterUnwrap() -> output.peerClosed(), the writer thread writes.
    byte[] late = "{\"type\":\"late\",\"data\":{}}\f".getBytes(StandardCharsets.UTF_8);
    assertThatCode(() -> output.write(late, 0, late.length)).doesNotThrowAnyException();
  }

  /** A bad record behind a good one in the same read is reported naming the connection. */
  @Test
  void badRecordBehindAGoodOneInTheSameReadNamesTheConnection() throws Exception {
    SSLEngine server = serverEngine();
    SSLEngine client = clientEngine();
    TlsConduit conduit = new TlsConduit(serverNet, server, "review-peer", Duration.ofSeconds(10));
    CompletableFuture<Void> handshake =
        CompletableFuture.runAsync(
            () -> {
              try {
                conduit.handshake();
              } catch (IOException e) {
                throw new RuntimeException(e);
              }
            });
    handshakeOverSocket(client, clientSide);
    handshake.get(10, TimeUnit.SECONDS);

    ByteBuffer records = ByteBuffer.allocate(4 * client.getSession().getPacketBufferSize());
    client.wrap(
        ByteBuffer.wrap("{\"type\":\"a\",\"data\":1}\f".getBytes(StandardCharsets.UTF_8)), records);
    client.wrap(
        ByteBuffer.wrap("{\"type\":\"b\",\"data\":2}\f".getBytes(StandardCharsets.UTF_8)), records);
    int last = records.position() - 1;
    records.put(last, (byte) (records.get(last) ^ 0x55)); // breaks the second record's tag
    records.flip();
    while (records.hasRemaining()) {
      clientSide.write(records);
    }

    byte[] buffer = new byte[64 * 1024];
    Throwable failure =
        catchThrowable(
            () -> {
              while (conduit.read(buffer, 0, buffer.length) >= 0) {
                // read until the bad record fails the stream
              }
            });
    assertThat(failure).isInstanceOf(IOException.class).hasMessageContaining("review-peer");
  }

  private static SSLEngine serverEngine() {
    SSLContext context = TestSslContexts.of(PKI.server(), null);
    SSLEngine engine = context.createSSLEngine();
    engine.setUseClientMode(false);
    engine.setEnabledProtocols(new String[] {"TLSv1.2"});
    return engine;
  }

  private static SSLEngine clientEngine() {
    SSLContext context = TestSslContexts.trusting(PKI.caFile());
    SSLEngine engine = context.createSSLEngine("127.0.0.1", 1);
    engine.setUseClientMode(true);
    engine.setEnabledProtocols(new String[] {"TLSv1.2"});
    return engine;
  }

  private static ByteBuffer closeNotifyOf(SSLEngine client) throws IOException {
    client.closeOutbound();
    ByteBuffer out = ByteBuffer.allocate(client.getSession().getPacketBufferSize());
    client.wrap(EMPTY, out);
    return out.flip();
  }

  private static boolean handshaking(SSLEngine engine) {
    HandshakeStatus status = engine.getHandshakeStatus();
    return status != HandshakeStatus.NOT_HANDSHAKING && status != HandshakeStatus.FINISHED;
  }

  private static void handshakeInMemory(SSLEngine client, SSLEngine server) throws IOException {
    ByteBuffer toServer = ByteBuffer.allocate(1 << 17);
    ByteBuffer toClient = ByteBuffer.allocate(1 << 17);
    ByteBuffer app = ByteBuffer.allocate(1 << 17);
    client.beginHandshake();
    server.beginHandshake();
    for (int i = 0; i < 1000 && (handshaking(client) || handshaking(server)); i++) {
      step(client, toServer, toClient, app);
      step(server, toClient, toServer, app);
    }
    assertThat(handshaking(client) || handshaking(server)).isFalse();
  }

  private static void step(SSLEngine engine, ByteBuffer out, ByteBuffer in, ByteBuffer app)
      throws IOException {
    switch (engine.getHandshakeStatus()) {
      case NEED_WRAP -> engine.wrap(EMPTY, out);
      case NEED_TASK -> runTasks(engine);
      case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
        in.flip();
        app.clear();
        engine.unwrap(in, app);
        in.compact();
      }
      default -> {}
    }
  }

  private static void runTasks(SSLEngine engine) {
    Runnable task;
    while ((task = engine.getDelegatedTask()) != null) {
      task.run();
    }
  }

  private static void handshakeOverSocket(SSLEngine client, SocketChannel channel)
      throws IOException {
    int packet = client.getSession().getPacketBufferSize();
    ByteBuffer netOut = ByteBuffer.allocate(4 * packet);
    ByteBuffer netIn = ByteBuffer.allocate(4 * packet);
    ByteBuffer app = ByteBuffer.allocate(4 * client.getSession().getApplicationBufferSize());
    client.beginHandshake();
    while (handshaking(client)) {
      switch (client.getHandshakeStatus()) {
        case NEED_WRAP -> {
          netOut.clear();
          client.wrap(EMPTY, netOut);
          netOut.flip();
          while (netOut.hasRemaining()) {
            channel.write(netOut);
          }
        }
        case NEED_TASK -> runTasks(client);
        default -> {
          netIn.flip();
          app.clear();
          SSLEngineResult result = client.unwrap(netIn, app);
          netIn.compact();
          if (result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW
              && channel.read(netIn) < 0) {
            throw new EOFException("the server closed during the handshake");
          }
        }
      }
    }
  }
}
