package io.jipc.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.internal.loop.Buffers;
import io.jipc.testing.TestPki;
import io.jipc.testing.TestSslContexts;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
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
 * deterministically by driving the engines by hand, and the conduit itself the way a loop does:
 * call, and wait in a selector for what it says it waits for.
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
   * TLS 1.2: unwrapping the peer's close_notify closes the engine's outbound side at once. A write
   * right after must be dropped like every write after the peer's close, not fail the connection
   * (which would report a spurious error and drop the plaintext just read).
   */
  @Test
  void writeAfterUnwrapOfCloseNotifyIsDroppedNotFailed() throws Exception {
    SSLEngine server = serverEngine();
    SSLEngine client = clientEngine();
    handshakeInMemory(client, server);
    TlsOutput output = new TlsOutput(serverNet.channel(), server);

    SSLEngineResult result = server.unwrap(closeNotifyOf(client), ByteBuffer.allocate(1 << 16));
    assertThat(result.getStatus()).isEqualTo(SSLEngineResult.Status.CLOSED);
    ByteBuffer late =
        ByteBuffer.wrap("{\"type\":\"late\",\"data\":{}}\f".getBytes(StandardCharsets.UTF_8));
    long consumed = output.write(new ByteBuffer[] {late}, new Buffers());
    assertThat(consumed).as("dropped, as the closing peer would drop it").isEqualTo(late.limit());
    assertThat(output.holds()).isFalse();
  }

  /** A bad record behind a good one in the same read is reported naming the connection. */
  @Test
  void badRecordBehindAGoodOneInTheSameReadNamesTheConnection() throws Exception {
    SSLEngine server = serverEngine();
    SSLEngine client = clientEngine();
    TlsConduit conduit = new TlsConduit(serverNet, server, "review-peer", Duration.ofSeconds(10));
    Buffers buffers = new Buffers();
    CompletableFuture<Void> clientSide =
        CompletableFuture.runAsync(
            () -> {
              try {
                handshakeOverSocket(client, this.clientSide);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    try (Selector selector = Selector.open()) {
      Conduit.Wait wait;
      while ((wait = conduit.handshake(buffers)) != Conduit.Wait.NOTHING) {
        await(selector, wait);
      }
      clientSide.get(10, TimeUnit.SECONDS);

      ByteBuffer records = ByteBuffer.allocate(4 * client.getSession().getPacketBufferSize());
      client.wrap(
          ByteBuffer.wrap("{\"type\":\"a\",\"data\":1}\f".getBytes(StandardCharsets.UTF_8)),
          records);
      client.wrap(
          ByteBuffer.wrap("{\"type\":\"b\",\"data\":2}\f".getBytes(StandardCharsets.UTF_8)),
          records);
      int last = records.position() - 1;
      records.put(last, (byte) (records.get(last) ^ 0x55)); // breaks the second record's tag
      records.flip();
      while (records.hasRemaining()) {
        this.clientSide.write(records);
      }

      int plaintext = 0;
      Throwable failure = null;
      for (int i = 0; i < 1000 && failure == null; i++) {
        try {
          int n = conduit.read(buffers);
          if (n == 0) {
            await(selector, Conduit.Wait.READ);
          } else if (n > 0) {
            plaintext += n;
          }
        } catch (IOException e) {
          failure = e;
        }
      }
      assertThat(plaintext).as("the good record's plaintext comes first").isEqualTo(22);
      assertThat(failure).isInstanceOf(IOException.class).hasMessageContaining("review-peer");
    }
  }

  /** Waits, bounded, until the server side's channel is ready for what the conduit waits for. */
  private void await(Selector selector, Conduit.Wait wait) throws IOException {
    int ops = wait == Conduit.Wait.READ ? SelectionKey.OP_READ : SelectionKey.OP_WRITE;
    SelectionKey key = serverNet.channel().keyFor(selector);
    if (key == null) {
      key = serverNet.channel().register(selector, ops);
    }
    key.interestOps(ops);
    assertThat(selector.select(10_000)).as("ready within 10 s").isPositive();
    selector.selectedKeys().clear();
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
