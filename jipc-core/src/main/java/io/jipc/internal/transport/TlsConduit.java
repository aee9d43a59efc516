package io.jipc.internal.transport;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * A {@link Conduit} that runs TLS over a {@link ChannelConduit} with an {@link SSLEngine}: the
 * reading thread runs the handshake and unwraps; wrapping and writing belong to {@link TlsOutput}
 * (the engine allows one unwrap and one wrap at a time). Thread-safe for one reader and one writer
 * at a time.
 */
final class TlsConduit implements Conduit {
  private final ChannelConduit net;
  private final SSLEngine engine;
  private final String label;
  private final Duration handshakeTimeout;
  private final TlsOutput output;
  private ByteBuffer netIn; // Encrypted bytes read and not yet unwrapped; read mode. Reader only.
  private ByteBuffer appIn; // Plaintext unwrapped and not yet returned; read mode. Reader only.
  private boolean inboundDone; // Reader only.
  private SSLException failure; // Found after plaintext that a read returned first. Reader only.
  private volatile List<X509Certificate> peerChain = List.of();

  TlsConduit(ChannelConduit net, SSLEngine engine, String label, Duration handshakeTimeout) {
    this.net = net;
    this.engine = engine;
    this.label = label;
    this.handshakeTimeout = handshakeTimeout;
    int packet = engine.getSession().getPacketBufferSize();
    netIn = ByteBuffer.allocate(packet).flip();
    appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize()).flip();
    output = new TlsOutput(net, engine);
  }

  @Override
  public void handshake() throws IOException {
    net.deadline(System.nanoTime() + handshakeTimeout.toNanos());
    try {
      engine.beginHandshake();
      HandshakeStatus status = engine.getHandshakeStatus();
      while (status != HandshakeStatus.FINISHED && status != HandshakeStatus.NOT_HANDSHAKING) {
        status =
            switch (status) {
              case NEED_WRAP -> output.wrapFlight();
              case NEED_TASK -> TlsOutput.runTasks(engine);
              default -> unwrapHandshake();
            };
      }
      peerChain = verifiedChain();
    } catch (SocketTimeoutException e) {
      close();
      throw failed(
          "did not finish within handshakeTimeout (" + handshakeTimeout.toMillis() + " ms)", e);
    } catch (SSLException e) {
      output.sendAlert();
      close();
      throw failed(e.getMessage(), e);
    } catch (IOException e) {
      close();
      throw failed(e instanceof ClosedChannelException ? "the connection closed" : e.toString(), e);
    } catch (RuntimeException e) {
      close(); // an engine or provider failure: the connection is unusable
      throw failed(e.toString(), new IOException(e));
    } finally {
      net.deadline(0);
    }
  }

  private IOException failed(String reason, IOException cause) {
    IOException failure =
        new SSLHandshakeException("TLS handshake with " + label + " failed: " + reason);
    failure.initCause(cause);
    return failure;
  }

  private HandshakeStatus unwrapHandshake() throws IOException {
    SSLEngineResult result = unwrapOnce(appIn);
    if (result == null) {
      throw new ClosedChannelException();
    }
    if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
      ByteBuffer larger = ByteBuffer.allocate(appIn.capacity() * 2);
      larger.put(appIn).flip();
      appIn = larger;
    }
    return result.getHandshakeStatus();
  }

  /**
   * Unwraps one record into {@code into} (write mode is arranged here), reading from the socket
   * when no complete record is buffered; null at end of stream.
   */
  private SSLEngineResult unwrapOnce(ByteBuffer into) throws IOException {
    while (true) {
      if (netIn.hasRemaining()) {
        SSLEngineResult result = unwrapInto(into);
        switch (result.getStatus()) {
          case OK, CLOSED:
            return result;
          case BUFFER_OVERFLOW:
            return result; // the caller drains its buffer and calls again
          case BUFFER_UNDERFLOW:
          default:
            break; // a partial record: read more
        }
      }
      if (!fill()) {
        return null;
      }
    }
  }

  private SSLEngineResult unwrapInto(ByteBuffer into) throws SSLException {
    if (into == appIn) {
      appIn.compact();
      try {
        return engine.unwrap(netIn, appIn);
      } finally {
        appIn.flip();
      }
    }
    return engine.unwrap(netIn, into);
  }

  /** Reads more encrypted bytes; false at end of stream. */
  private boolean fill() throws IOException {
    netIn.compact();
    if (!netIn.hasRemaining()) {
      ByteBuffer larger = ByteBuffer.allocate(netIn.capacity() * 2);
      netIn.flip();
      larger.put(netIn);
      netIn = larger;
    }
    int n = net.read(netIn.array(), netIn.arrayOffset() + netIn.position(), netIn.remaining());
    if (n > 0) {
      netIn.position(netIn.position() + n);
    }
    netIn.flip();
    return n >= 0;
  }

  private List<X509Certificate> verifiedChain() {
    try {
      List<X509Certificate> chain = new ArrayList<>();
      for (Certificate certificate : engine.getSession().getPeerCertificates()) {
        if (certificate instanceof X509Certificate x509) {
          chain.add(x509);
        }
      }
      return List.copyOf(chain);
    } catch (SSLPeerUnverifiedException e) {
      return List.of(); // the peer sent no certificate (a client without mutual TLS)
    }
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    if (!appIn.hasRemaining() && failure != null) {
      throw failure;
    }
    try {
      return readPlain(buf, off, len);
    } catch (SSLException e) {
      // An alert, a broken record or a refused renegotiation: say which connection it was.
      SSLException labelled =
          new SSLException("TLS connection with " + label + ": " + e.getMessage());
      labelled.initCause(e);
      throw labelled;
    }
  }

  private int readPlain(byte[] buf, int off, int len) throws IOException {
    // A caller's buffer that holds a whole record takes plaintext directly: one copy fewer.
    boolean direct = len >= appIn.capacity();
    while (true) {
      if (appIn.hasRemaining()) {
        int n = Math.min(len, appIn.remaining());
        appIn.get(buf, off, n);
        return n;
      }
      if (inboundDone) {
        return -1;
      }
      ByteBuffer into = direct ? ByteBuffer.wrap(buf, off, len) : appIn;
      SSLEngineResult result = unwrapOnce(into);
      if (result == null) {
        inboundDone = true; // the peer closed without close_notify: an end of stream all the same
      } else if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
        if (direct) {
          direct = false;
        } else {
          appIn = ByteBuffer.allocate(appIn.capacity() * 2).flip();
        }
      } else {
        afterUnwrap(result);
        if (direct) {
          unwrapBuffered(into);
          if (into.position() > off) {
            return into.position() - off;
          }
        }
      }
    }
  }

  /**
   * Unwraps further complete records already read, while {@code into} has room for one. A failure
   * here is kept for the next read, so the plaintext before it is delivered first.
   */
  private void unwrapBuffered(ByteBuffer into) throws IOException {
    int room = appIn.capacity();
    try {
      while (!inboundDone && netIn.hasRemaining() && into.remaining() >= room) {
        SSLEngineResult result = engine.unwrap(netIn, into);
        if (result.getStatus() != SSLEngineResult.Status.OK
            && result.getStatus() != SSLEngineResult.Status.CLOSED) {
          return;
        }
        afterUnwrap(result);
        if (result.bytesConsumed() == 0) {
          return;
        }
      }
    } catch (SSLException e) {
      SSLException labelled =
          new SSLException("TLS connection with " + label + ": " + e.getMessage());
      labelled.initCause(e);
      failure = labelled;
      inboundDone = true;
    }
  }

  private void afterUnwrap(SSLEngineResult result) throws IOException {
    if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
      // The peer's close_notify: no reply from here (the peer may be gone already, and a failed
      // write must not cost the plaintext read with it); closing this side sends ours.
      inboundDone = true;
      return;
    }
    HandshakeStatus status = result.getHandshakeStatus();
    if (status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED) {
      return;
    }
    if ("TLSv1.2".equals(engine.getSession().getProtocol())) {
      // A new handshake on an established TLS 1.2 session: renegotiation costs the server a
      // private-key operation each time and could swap the peer's certificate. Refused.
      throw new SSLException("renegotiation refused");
    }
    while (status == HandshakeStatus.NEED_TASK) {
      status = TlsOutput.runTasks(engine);
    }
    if (status == HandshakeStatus.NEED_WRAP) {
      output.wrapControlIfFree(); // a TLS 1.3 key update; the next write sends it otherwise
    }
  }

  @Override
  public void write(byte[] buf, int off, int len) throws IOException {
    output.write(buf, off, len);
  }

  @Override
  public int tryWrite(byte[] buf, int off, int len) throws IOException {
    return output.tryWrite(buf, off, len);
  }

  @Override
  public void shutdownOutput() throws IOException {
    output.shutdown();
  }

  @Override
  public List<X509Certificate> peerCertificates() {
    return peerChain;
  }

  @Override
  public SocketAddress remoteAddress() {
    return net.remoteAddress();
  }

  @Override
  public void close() {
    net.close();
  }
}
