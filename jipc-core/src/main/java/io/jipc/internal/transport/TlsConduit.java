package io.jipc.internal.transport;

import io.jipc.IpcProtocolException;
import io.jipc.internal.loop.Buffers;
import io.jipc.internal.loop.Gather;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
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
 * A {@link Conduit} that runs TLS over a {@link ChannelConduit} with an {@link SSLEngine}, all on
 * the connection's loop, never waiting. Reading decrypts from the loop's {@link Buffers#tlsIn()}
 * into {@link Buffers#in()}; the sending half is {@link TlsOutput}. Between calls the conduit keeps
 * only what it could not pass on: the bytes of a partial record ({@code rest}) and encrypted output
 * the socket did not take.
 *
 * <pre>
 * socket ─► tlsIn: [rest of last read][new bytes] ─unwrap─► in: plaintext ─► the read path
 *                  |<- complete records ->|<- partial ->|   kept as rest
 * </pre>
 *
 * <p>The handshake runs inside {@link #handshake}, step by step as the socket allows; delegated
 * tasks (certificate checks, key operations) run inline on the loop. TLS 1.2 renegotiation is
 * refused. Loop thread only, but {@link #close()} and the accessors.
 */
final class TlsConduit implements Conduit {
  private final ChannelConduit net;
  private final SocketChannel channel;
  private final SSLEngine engine;
  private final String label;
  private final Duration handshakeTimeout;
  private final TlsOutput output;
  private final int appBuffer;
  private byte[] rest; // Encrypted bytes read and not yet unwrapped; null when none.
  private boolean moreRecords; // rest holds complete records: read again without waiting.
  private boolean begun;
  private boolean socketEnded; // The last read from the socket found the end of the stream.
  private boolean inboundDone;
  private SSLException failure; // Found after plaintext that a read returned first.
  private final TlsRecordStart heard = new TlsRecordStart(); // The peer's first bytes.
  private volatile List<X509Certificate> peerChain = List.of();

  TlsConduit(ChannelConduit net, SSLEngine engine, String label, Duration handshakeTimeout) {
    this.net = net;
    this.channel = net.channel();
    this.engine = engine;
    this.label = label;
    this.handshakeTimeout = handshakeTimeout;
    this.output = new TlsOutput(channel, engine);
    this.appBuffer = engine.getSession().getApplicationBufferSize();
  }

  @Override
  public SocketChannel channel() {
    return channel;
  }

  @Override
  public long handshakeTimeoutNanos() {
    return handshakeTimeout.toNanos();
  }

  @Override
  public IOException handshakeTimedOut(Buffers buffers) {
    String bound = "handshakeTimeout (" + handshakeTimeout.toMillis() + " ms)";
    String stall = handshakeStall();
    if (stall != null && !engine.getUseClientMode()) {
      // A plain client that waits for the server to speak first learns from this alert that the
      // server speaks TLS (its first bytes are a TLS record), instead of waiting on.
      output.sendAlert(buffers);
    }
    return failed(
        "did not finish within " + bound + (stall != null ? "; " + stall : ""),
        new SocketTimeoutException(bound));
  }

  /**
   * Says why the handshake may be stuck while nothing came from the peer: it may not speak TLS and
   * wait for this side, as a plain TCP server does for its client. Null once the peer sent bytes.
   */
  @Override
  public String handshakeStall() {
    if (heard.heardAny()) {
      return null;
    }
    return engine.getUseClientMode()
        ? "the server sent no TLS answer: it may be a plain TCP server, which waits for the client"
            + " to speak first; remove tls, or connect to its TLS port"
        : "the client sent no TLS handshake: it may be a plain TCP client, which waits for the"
            + " server to speak first; configure tls(...) on it, or serve it on a plain port";
  }

  @Override
  public Wait handshake(Buffers buffers) throws IOException {
    try {
      if (!begun) {
        begun = true;
        engine.beginHandshake();
      }
      while (true) {
        if (!output.flush()) {
          return Wait.WRITE;
        }
        switch (engine.getHandshakeStatus()) {
          case NEED_WRAP -> output.wrapOwn(buffers);
          case NEED_TASK -> TlsOutput.runTasks(engine);
          case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
            if (!unwrapHandshake(buffers)) {
              return Wait.READ;
            }
          }
          default -> {
            peerChain = verifiedChain();
            return Wait.NOTHING;
          }
        }
      }
    } catch (IpcProtocolException e) {
      output.sendAlert(buffers); // a plain client that sent a frame reads this as TLS, and says so
      throw e;
    } catch (SSLException e) {
      output.sendAlert(buffers);
      throw failed(e.getMessage(), e);
    } catch (IOException e) {
      throw failed(closedReason(e), e);
    } catch (RuntimeException e) {
      throw failed(e.toString(), new IOException(e)); // an engine or provider failure
    }
  }

  private String closedReason(IOException e) {
    String reason = e instanceof ClosedChannelException ? "the connection closed" : e.toString();
    if (heard.heardAny() || !engine.getUseClientMode()) {
      return reason;
    }
    return reason
        + " before any TLS answer: the server may be plain TCP (a jipc plain server closes on a"
        + " TLS handshake) or refuse this client; remove tls, or connect to its TLS port";
  }

  private IOException failed(String reason, IOException cause) {
    IOException failure =
        new SSLHandshakeException("TLS handshake with " + label + " failed: " + reason);
    failure.initCause(cause);
    return failure;
  }

  /**
   * Reads and unwraps handshake records while the engine asks for them; false when it must wait for
   * more bytes. Stops at the end of the handshake, so application records read with its last bytes
   * stay in {@code rest} for the first {@link #read}.
   */
  private boolean unwrapHandshake(Buffers buffers) throws IOException {
    ByteBuffer in = fill(buffers);
    if (in == null) {
      throw new ClosedChannelException();
    }
    if (heard.verdict() == TlsRecordStart.Verdict.UNKNOWN
        && heard.see(in) == TlsRecordStart.Verdict.NOT_TLS) {
      throw notTls();
    }
    ByteBuffer plain = buffers.in();
    plain.clear();
    boolean progress = false;
    try {
      while (in.hasRemaining() && needsUnwrap()) {
        SSLEngineResult result = engine.unwrap(in, plain);
        if (result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
          break;
        }
        if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
          throw new ClosedChannelException();
        }
        progress |= result.bytesConsumed() > 0 || result.bytesProduced() > 0;
        if (result.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
          TlsOutput.runTasks(engine);
        }
      }
    } finally {
      keepRest(in);
    }
    if (!progress && socketEnded) {
      // A partial record, then the end of the stream: nothing more will come, and an ended
      // socket stays readable, so waiting for more would spin.
      throw new EOFException("the peer closed in the middle of a TLS record");
    }
    moreRecords = rest != null;
    return progress;
  }

  /** The peer's first bytes are no TLS record: it speaks plain TCP (or something else). */
  private IpcProtocolException notTls() {
    String what = engine.getUseClientMode() ? label : "the client at " + net.remoteAddress();
    String advice =
        engine.getUseClientMode()
            ? "remove tls, or connect to the server's TLS port"
            : "configure tls(...) on the client, or serve it on a plain port";
    return new IpcProtocolException(
        IpcProtocolException.TLS_MISMATCH,
        what
            + " does not speak TLS (it sent "
            + heard.shown()
            + ", which is no TLS record) but this side expects TLS; "
            + advice);
  }

  private boolean needsUnwrap() {
    HandshakeStatus status = engine.getHandshakeStatus();
    return status == HandshakeStatus.NEED_UNWRAP || status == HandshakeStatus.NEED_UNWRAP_AGAIN;
  }

  /**
   * Returns the loop's {@code tlsIn} holding the kept rest and whatever the socket has now (read
   * mode), or null at the end of the stream with nothing buffered.
   */
  private ByteBuffer fill(Buffers buffers) throws IOException {
    ByteBuffer in = buffers.tlsIn();
    in.clear();
    if (rest != null) {
      in.put(rest);
      rest = null;
    }
    int n = channel.read(in);
    in.flip();
    socketEnded = n < 0;
    return socketEnded && !in.hasRemaining() ? null : in;
  }

  private void keepRest(ByteBuffer in) {
    if (in.hasRemaining()) {
      rest = new byte[in.remaining()];
      in.get(rest);
    } else {
      rest = null;
    }
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
  public int read(Buffers buffers) throws IOException {
    ByteBuffer plain = buffers.in();
    plain.clear();
    if (failure != null) {
      SSLException pending = failure;
      failure = null;
      inboundDone = true;
      throw pending;
    }
    if (inboundDone) {
      return -1;
    }
    moreRecords = false;
    ByteBuffer in = fill(buffers);
    if (in == null) {
      inboundDone = true; // the peer closed without close_notify: an end of stream all the same
      return -1;
    }
    try {
      unwrapInto(in, plain, buffers);
    } catch (SSLException e) {
      SSLException labelled = labelled(e);
      if (plain.position() == 0) {
        throw labelled;
      }
      failure = labelled; // deliver the plaintext before it first
    } finally {
      keepRest(in);
    }
    if (plain.position() > 0) {
      return plain.position();
    }
    // A partial record at the end of the stream: the peer closed mid-record, an end all the same.
    return inboundDone || socketEnded ? -1 : 0;
  }

  /** Unwraps complete records while {@code plain} has room for one; sets {@code moreRecords}. */
  private void unwrapInto(ByteBuffer in, ByteBuffer plain, Buffers buffers) throws IOException {
    while (in.hasRemaining() && !inboundDone) {
      if (plain.remaining() < appBuffer) {
        moreRecords = true;
        return;
      }
      SSLEngineResult result = engine.unwrap(in, plain);
      switch (result.getStatus()) {
        case CLOSED -> inboundDone = true; // the peer's close_notify: closing this side sends ours
        case BUFFER_UNDERFLOW -> {
          return; // a partial record
        }
        case BUFFER_OVERFLOW -> {
          moreRecords = true;
          return;
        }
        default -> afterUnwrap(result, buffers);
      }
      if (result.bytesConsumed() == 0 && result.bytesProduced() == 0 && !inboundDone) {
        return;
      }
    }
  }

  private void afterUnwrap(SSLEngineResult result, Buffers buffers) throws IOException {
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
      output.wrapOwn(buffers); // a TLS 1.3 key update: held until the socket takes it
    }
  }

  private SSLException labelled(SSLException e) {
    // An alert, a broken record or a refused renegotiation: say which connection it was.
    SSLException labelled =
        new SSLException("TLS connection with " + label + ": " + e.getMessage());
    labelled.initCause(e);
    return labelled;
  }

  @Override
  public boolean hasBufferedInput() {
    return moreRecords || failure != null;
  }

  @Override
  public long write(Gather pieces, Buffers buffers) throws IOException {
    return output.write(pieces.toBuffers(), buffers);
  }

  @Override
  public boolean hasPendingOutput() {
    return output.holds();
  }

  @Override
  public long pendingOutputBytes() {
    return output.heldBytes();
  }

  @Override
  public boolean flushPending(Buffers buffers) throws IOException {
    return output.flush();
  }

  @Override
  public boolean shutdownOutput(Buffers buffers) throws IOException {
    return output.shutdown(buffers);
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
