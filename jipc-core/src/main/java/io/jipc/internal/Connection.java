package io.jipc.internal;

import io.jipc.IpcConfig;
import io.jipc.IpcProtocolException;
import io.jipc.IpcSocket;
import io.jipc.IpcStats;
import io.jipc.PeerCredentials;
import io.jipc.internal.codec.ByteSink;
import io.jipc.internal.codec.ControlFrames;
import io.jipc.internal.codec.EventCodec;
import io.jipc.internal.codec.EventReader;
import io.jipc.internal.codec.RawText;
import io.jipc.internal.jfr.Flight;
import io.jipc.internal.loop.Buffers;
import io.jipc.internal.loop.Loop;
import io.jipc.internal.loop.LoopTimer;
import io.jipc.internal.loop.Readiness;
import io.jipc.internal.transport.Conduit;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * One open stream, server side or client side, run by one {@link Loop}: its handshake, reads,
 * framing and decoding, the dispatch of its events to the {@link Owner}, its writes, its timers
 * ({@code messageTimeout}, the close grace period, the TLS handshake timeout, the {@link
 * Heartbeat}) and its close. jipc's own frames ({@link ControlFrames}) stop here: pings are
 * answered, replies go to its {@link PendingRequests}, requests to the endpoint's {@link
 * Responders}.
 *
 * <pre>
 *   HANDSHAKE ──► OPEN ──close() or peer's end──► CLOSING ──queue written, FIN──► OUTPUT_DONE
 *       │           │                               │                                │
 *       └───────────┴──failure, closeTimeout────────┴──────────peer's end────────────┴─► CLOSED
 * </pre>
 *
 * <p>Reading goes on until the peer's end, also after a local {@link #close()}: events that arrive
 * before the peer ends are dispatched (emits from their handlers return false), so nothing the peer
 * sent before it saw the close is dropped unseen; {@code closeTimeout} bounds the wait. A failure
 * drops queued writes and closes at once. {@link Owner#closed} fires exactly once, on the loop, in
 * a later pass than the failure, so a handler that fails its own connection returns before the
 * lifecycle events run.
 *
 * <p>Writes: any thread may emit; the frame is copied into the {@link Outbox}, and the first frame
 * after a drain arranges one flush on the loop, at the end of the loop's batch for frames emitted
 * on the loop (so a handler's replies leave together) or through the loop's task queue from other
 * threads. Fields without a lock note are the loop's alone; the emit path is thread-safe.
 */
final class Connection implements IpcSocket, Readiness, Runnable {
  private static final VarHandle FAILURE;

  static {
    try {
      FAILURE = MethodHandles.lookup().findVarHandle(Connection.class, "failure", Throwable.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Whoever owns the connection: a server for an accepted one, a client for its own. Loop only. */
  interface Owner {
    /** The connection is past its handshake: fire {@code connect}. */
    void opened(Connection connection);

    /** One event arrived; returns false to drop the rest of the read (the owner stopped). */
    boolean event(Connection connection, String type, Object data, int bytes);

    /** One raw chunk arrived (raw profile). */
    void raw(Connection connection, byte[] bytes);

    /** A reply to one of this side's requests arrived (sync mode counts it as an answer). */
    default void replied(Connection connection) {}

    /** The connection closed, cleanly ({@code failure} null) or not; exactly once. */
    void closed(Connection connection, Throwable failure);
  }

  private enum Phase {
    HANDSHAKE,
    OPEN,
    CLOSING,
    OUTPUT_DONE,
    CLOSED
  }

  /** Reads per readiness before other connections get their turn. */
  private static final int READS_PER_TURN = 16;

  private final Loop loop;
  private final Conduit conduit;
  private final IpcConfig config;
  private final FrameEncoder encoder;
  private final Outbox outbox;
  private final EventReader reader;
  private final Lane lane;
  private final Owner owner;
  private final long serial;
  private final String serverId;
  private final String label;
  private final long messageTimeoutNanos;
  private final EventReader.Sink sink = new Delivery();
  private final Heartbeat heartbeat; // Null when heartbeats are off.
  private volatile PendingRequests requests; // Made by the first request or reply.
  private final Meter received = new Meter(); // Written by the loop alone, once per read.
  private int framesThisRead; // Frames the bytes being delivered held so far; the loop's alone.
  private volatile ErrorCounts errors; // Made by the first error reported with this socket.
  private final Predicate<ByteSink> offerFrame = this::offer;
  private volatile Throwable failure; // The first failure; set once, through FAILURE.
  private volatile boolean closing;
  private volatile boolean started; // connect may fire: past any handshake
  private volatile String claimedId;
  private Phase phase = Phase.HANDSHAKE;
  private SelectionKey key;
  private int interest; // The key's interest set, kept here: the key is one more object to fetch.
  private boolean writeBlocked; // The socket took less than offered: wait for OP_WRITE.
  private boolean paused; // The lane has too much to do: no reads until it drains.
  private boolean peerEnded;
  private boolean readScheduled;
  private LoopTimer handshakeTimer;
  private LoopTimer closeTimer;
  private LoopTimer partialTimer;
  private long partialSince; // System.nanoTime() when the current partial frame began; 0: none.

  Connection(
      Loop loop,
      Conduit conduit,
      IpcConfig config,
      long serial,
      String label,
      FrameEncoder encoder,
      Lane lane,
      Owner owner) {
    this.loop = loop;
    this.conduit = conduit;
    this.config = config;
    this.serial = serial;
    this.serverId = serial > 0 ? Long.toString(serial) : null;
    this.label = label;
    this.encoder = encoder;
    this.lane = lane;
    this.owner = owner;
    this.outbox = new Outbox(config.limits().maxPendingBytes());
    this.reader = EventReader.of(config, label);
    // The message timeout belongs to the profiles that check, guarded and assured.
    this.messageTimeoutNanos = reader.checks() ? config.limits().messageTimeout().toNanos() : 0;
    this.heartbeat =
        config.heartbeat().isZero()
            ? null
            : new Heartbeat(
                loop,
                new Heartbeat.Line() {
                  @Override
                  public void ping() {
                    sendControl(ControlFrames.PING, EventCodec.EMPTY_DATA);
                  }

                  @Override
                  public void fail(Throwable cause) {
                    Connection.this.fail(cause);
                  }
                },
                config.heartbeat().toNanos(),
                config.heartbeatTimeout().toNanos(),
                label);
  }

  /** Registers with the loop and begins the handshake; loop only, once. */
  void open() {
    try {
      // Reading first suits every transport: a plain stream reads right after connect fires, and
      // a TLS server waits for the ClientHello; a TLS client says what it waits for in handshake().
      key = loop.register(conduit.channel(), SelectionKey.OP_READ, this);
      interest = SelectionKey.OP_READ;
    } catch (ClosedChannelException e) {
      fail(e);
      return;
    }
    long handshakeNanos = conduit.handshakeTimeoutNanos();
    if (handshakeNanos > 0) {
      handshakeTimer =
          loop.schedule(handshakeNanos, () -> fail(conduit.handshakeTimedOut(loop.buffers())));
    }
    handshake();
  }

  private void handshake() {
    if (failure != null) {
      return;
    }
    try {
      Conduit.Wait wait = conduit.handshake(loop.buffers());
      if (wait == Conduit.Wait.NOTHING) {
        opened();
      } else {
        setInterest(wait == Conduit.Wait.READ ? SelectionKey.OP_READ : SelectionKey.OP_WRITE);
      }
    } catch (IOException | RuntimeException e) {
      fail(e);
    }
  }

  private void opened() {
    if (handshakeTimer != null) {
      handshakeTimer.cancel();
      handshakeTimer = null;
    }
    phase = Phase.OPEN;
    started = true;
    Flight.connected(label, conduit.remoteAddress());
    if (heartbeat != null) {
      heartbeat.start();
    }
    owner.opened(this);
    updateInterest();
    if (outbox.pendingBytes() > 0) {
      writeOut();
    }
    if (conduit.hasBufferedInput() && phase != Phase.CLOSED) {
      read(); // records that arrived with the handshake's last bytes
    }
  }

  @Override
  public void ready(SelectionKey readyKey) {
    if (!readyKey.isValid() || phase == Phase.CLOSED || failure != null) {
      return; // a failure's finish runs in this pass's tasks: nothing may open or read before it
    }
    if (phase == Phase.HANDSHAKE) {
      handshake();
      return;
    }
    int ops = readyKey.readyOps();
    if ((ops & SelectionKey.OP_WRITE) != 0) {
      writeBlocked = false;
      writeOut();
    }
    if ((ops & SelectionKey.OP_READ) != 0) {
      read();
    }
  }

  private void read() {
    readScheduled = false;
    Buffers buffers = loop.buffers();
    for (int turn = 0; turn < READS_PER_TURN; turn++) {
      if (phase == Phase.CLOSED || paused || peerEnded || failure != null) {
        return;
      }
      int n;
      try {
        n = conduit.read(buffers);
      } catch (IOException | RuntimeException e) {
        fail(e);
        return;
      }
      if (n < 0) {
        peerEnded();
        return;
      }
      if (n > 0) {
        if (heartbeat != null) {
          heartbeat.heard();
        }
        deliver(buffers.in().array(), n);
      }
      if (conduit.hasPendingOutput() && !writeBlocked) {
        writeOut(); // a TLS record the read made the engine send (a key update)
      }
      if (n < Buffers.READ_BYTES && !conduit.hasBufferedInput()) {
        return;
      }
    }
    if (!readScheduled) {
      readScheduled = true; // more is there: give the other connections their turn first
      loop.execute(this::read);
    }
  }

  private void deliver(byte[] buf, int n) {
    try {
      reader.feed(buf, 0, n, sink);
    } catch (IpcProtocolException | RuntimeException e) {
      fail(e); // handlers are contained; anything else is this socket's end, not the loop's
      return;
    } finally {
      // Published once per read, not per frame: the stores stay out of the decode loop.
      received.add(framesThisRead, n);
      framesThisRead = 0;
    }
    if (messageTimeoutNanos > 0) {
      watchPartialFrame();
    }
    if (lane.saturated() && !paused) {
      paused = true;
      updateInterest();
      lane.whenDrained(() -> loop.execute(this::resume));
    }
  }

  private void resume() {
    paused = false;
    if (partialSince != 0) {
      partialSince = System.nanoTime() | 1; // time spent paused was ours, not the peer's
    }
    if (phase != Phase.CLOSED) {
      updateInterest();
      read();
    }
  }

  /** The {@code messageTimeout} clock: it starts with a partial frame and restarts per frame. */
  private void watchPartialFrame() {
    if (!reader.hasPartial()) {
      partialSince = 0;
      return;
    }
    if (reader.completedFrame() || partialSince == 0) {
      partialSince = System.nanoTime() | 1;
    }
    if (partialTimer == null) {
      partialTimer = loop.schedule(messageTimeoutNanos, this::checkPartialFrame);
    }
  }

  private void checkPartialFrame() {
    partialTimer = null;
    if (phase == Phase.CLOSED || partialSince == 0) {
      return;
    }
    if (paused) {
      // This side stopped reading (its handlers fell behind): the rest of the frame may be
      // waiting in the kernel. The clock starts again when reading resumes.
      partialTimer = loop.schedule(messageTimeoutNanos, this::checkPartialFrame);
      return;
    }
    long waited = System.nanoTime() - partialSince;
    if (waited >= messageTimeoutNanos) {
      fail(
          new IpcProtocolException(
              IpcProtocolException.MESSAGE_TIMEOUT,
              "incomplete message from "
                  + label
                  + " exceeded messageTimeout ("
                  + messageTimeoutNanos / 1_000_000
                  + " ms)"));
    } else {
      partialTimer = loop.schedule(messageTimeoutNanos - waited, this::checkPartialFrame);
    }
  }

  private void peerEnded() {
    peerEnded = true;
    switch (phase) {
      case OPEN -> beginClose(); // with nothing queued (the common end) it finishes at once
      case OUTPUT_DONE -> finish(null);
      default -> {} // CLOSING: finishes once the output is done
    }
    updateInterest(); // the end of a stream stays readable: stop asking (nothing once closed)
  }

  /** The loop's flush of this connection (queued by an offer): writes what is queued. */
  @Override
  public void run() {
    writeOut();
  }

  /** Writes what is queued, as far as the socket takes it; loop only. */
  private void writeOut() {
    if (phase == Phase.CLOSED || phase == Phase.HANDSHAKE || writeBlocked) {
      return;
    }
    Buffers buffers = loop.buffers();
    try {
      if (conduit.hasPendingOutput() && !conduit.flushPending(buffers)) {
        blockWrites();
        return;
      }
      switch (outbox.drainTo(conduit, buffers)) {
        case EMPTY -> afterDrained();
        case BLOCKED -> blockWrites();
        case MORE -> loop.execute(this); // a producer keeps up: let others have a turn
      }
    } catch (IOException | RuntimeException e) {
      writeFailed(e);
    }
  }

  private void blockWrites() {
    writeBlocked = true;
    updateInterest();
  }

  private void afterDrained() throws IOException {
    if (phase == Phase.CLOSING && outbox.pendingBytes() == 0) {
      if (conduit.shutdownOutput(loop.buffers())) {
        phase = Phase.OUTPUT_DONE;
        if (peerEnded) {
          finish(null);
          return;
        }
      } else {
        blockWrites();
        return;
      }
    }
    updateInterest();
  }

  /** A write failed: a failure, unless it only reports the close this side already began. */
  private void writeFailed(Exception e) {
    if (phase != Phase.OPEN && e instanceof ClosedChannelException) {
      finish(null);
      return;
    }
    fail(e);
  }

  private void setInterest(int ops) {
    if (interest != ops && key != null && key.isValid()) {
      key.interestOps(ops);
      interest = ops;
    }
  }

  private void updateInterest() {
    if (phase == Phase.CLOSED || phase == Phase.HANDSHAKE) {
      return;
    }
    int ops = 0;
    if (!paused && !peerEnded && failure == null) {
      ops |= SelectionKey.OP_READ;
    }
    if (writeBlocked) {
      ops |= SelectionKey.OP_WRITE;
    }
    setInterest(ops);
  }

  /** Starts the graceful close on the loop: flush, FIN, wait for the peer's end. */
  private void beginClose() {
    if (phase == Phase.HANDSHAKE) {
      abort(); // never connected: nothing to flush
      return;
    }
    if (phase != Phase.OPEN) {
      return;
    }
    closing = true;
    outbox.end();
    phase = Phase.CLOSING;
    writeOut();
    if (phase != Phase.CLOSED) {
      // Not done at once (bytes still queued, or the peer has not ended): the grace period runs.
      closeTimer = loop.schedule(config.closeTimeout().toNanos(), this::closeTimedOut);
    }
  }

  private void closeTimedOut() {
    closeTimer = null;
    if (phase == Phase.CLOSED) {
      return;
    }
    long unwritten = outbox.stop() + conduit.pendingOutputBytes();
    Throwable cause = null;
    if (unwritten > 0 && failure == null) {
      cause =
          new IOException(
              unwritten
                  + " queued bytes to "
                  + label
                  + " were not written within closeTimeout ("
                  + config.closeTimeout().toMillis()
                  + " ms)");
    }
    finish(cause);
  }

  /**
   * Records the first failure, drops queued writes and closes; any thread. The owner hears of it in
   * a later pass of the loop.
   */
  void fail(Throwable cause) {
    if (FAILURE.compareAndSet(this, null, cause)) {
      closing = true;
      outbox.stop();
      loop.execute(() -> finish(cause));
    }
  }

  /** Closes now, dropping queued writes, without a failure; any thread. */
  void abort() {
    closing = true;
    outbox.stop();
    if (loop.inLoop()) {
      finish(null);
    } else {
      loop.execute(() -> finish(null));
    }
  }

  private void finish(Throwable cause) {
    if (phase == Phase.CLOSED) {
      return;
    }
    if (cause == null) {
      cause = failure; // a failure recorded first wins over a clean end reached meanwhile
    }
    reader.reset(); // a partial frame, up to maxMessageSize, is of no use any more
    phase = Phase.CLOSED;
    closing = true;
    for (LoopTimer timer : new LoopTimer[] {handshakeTimer, closeTimer, partialTimer}) {
      if (timer != null) {
        timer.cancel();
      }
    }
    if (key != null) {
      key.cancel();
    }
    if (conduit.hasPendingOutput()) {
      outbox.lost(); // encrypted bytes the socket never took: flushes must not report them sent
    }
    conduit.close();
    outbox.stop();
    if (heartbeat != null) {
      heartbeat.stop();
    }
    PendingRequests table = requests;
    if (table != null) {
      table.end(cause); // a table made after this sees the closed outbox: its sends fail
    }
    if (started) {
      Meter sent = outbox.sent();
      Flight.disconnected(
          label, cause, received.frames(), received.bytes(), sent.frames(), sent.bytes());
    }
    owner.closed(this, cause);
  }

  /** Returns why the unfinished handshake may be stuck, or null: {@link Conduit#handshakeStall}. */
  String handshakeStall() {
    return conduit.handshakeStall();
  }

  /** Returns true once past the handshake: {@code connect} fired or is firing. */
  boolean started() {
    return started;
  }

  /** Returns the number a server gave this connection in accept order; 0 for a client's own. */
  long serial() {
    return serial;
  }

  /** Returns the loop that runs this connection. */
  Loop loop() {
    return loop;
  }

  /** Returns the lane this connection's handlers run on. */
  Lane lane() {
    return lane;
  }

  /** Returns the label that names this connection in messages. */
  String label() {
    return label;
  }

  /** Returns the encoder of this connection's frames. */
  FrameEncoder encoder() {
    return encoder;
  }

  /** Returns {@link #offer(ByteSink)} as a predicate, made once. */
  Predicate<ByteSink> offerFrame() {
    return offerFrame;
  }

  /** Returns the frames and bytes read; any thread. */
  Meter received() {
    return received;
  }

  /** Returns the frames queued and the bytes written; any thread. */
  Meter sent() {
    return outbox.sent();
  }

  /** Returns the requests this side sent on this connection, or null if it never sent one. */
  PendingRequests requestsIfAny() {
    return requests;
  }

  /** Returns the errors reported with this socket, made on first use; any thread. */
  ErrorCounts errorCounts() {
    ErrorCounts counts = errors;
    if (counts == null) {
      synchronized (this) {
        counts = errors;
        if (counts == null) {
          counts = new ErrorCounts();
          errors = counts;
        }
      }
    }
    return counts;
  }

  /** Returns the requests this side sent on this connection, made on first use. */
  PendingRequests requests() {
    PendingRequests table = requests;
    if (table == null) {
      synchronized (this) {
        table = requests;
        if (table == null) {
          table = new PendingRequests(loop, lane, this, label, config.maxPendingRequests());
          requests = table;
        }
      }
    }
    return table;
  }

  /**
   * Sends a request whose frame {@code send} queues (the client's sync queue, or {@link #offer});
   * see {@link IpcSocket#request(String, Object, Duration)}.
   */
  CompletableFuture<Object> request(
      String type, Object data, Duration timeout, Predicate<ByteSink> send) {
    return requests().send(type, data, timeout, encoder, send);
  }

  /** Sends one of jipc's own frames; one the profile refuses is reported, not thrown. */
  private void sendControl(String type, Object data) {
    try {
      offer(encoder.encode(type, data));
    } catch (IllegalArgumentException e) {
      lane.error(e, this);
    }
  }

  /** Handles one of jipc's own frames ({@link ControlFrames}); loop only. */
  private void control(String type, Object data, int bytes) {
    switch (type) {
      case ControlFrames.REPLY -> {
        requests().replied(data, lane.core);
        owner.replied(this);
      }
      case ControlFrames.REQUEST -> lane.core.responders.answer(this, this, data, bytes);
      case ControlFrames.PING -> sendControl(ControlFrames.PONG, data);
      default -> {} // a pong: its bytes were the sign of life
    }
  }

  /** Records the id the peer claimed ({@code identifyPeer}); {@link #id()} answers it from now. */
  void claimId(String id) {
    this.claimedId = id;
  }

  /** Queues an encoded frame (valid only during the call); a full queue fails the connection. */
  boolean offer(ByteSink frame) {
    return offered(outbox.offer(frame.array(), 0, frame.size()), frame.size());
  }

  /** Queues bytes as they are (raw data, or a frame encoded earlier); copies them. */
  boolean offer(byte[] bytes) {
    return offered(outbox.offer(bytes, 0, bytes.length), bytes.length);
  }

  /** Queues a frame shared with other connections, by reference: it must never change. */
  boolean offerShared(byte[] frame) {
    return offered(outbox.offerShared(frame), frame.length);
  }

  private boolean offered(Outbox.Offer result, int length) {
    switch (result) {
      case SCHEDULE -> {
        if (loop.inLoop()) {
          loop.atBatchEnd(this);
        } else {
          loop.execute(this);
        }
        return true;
      }
      case QUEUED -> {
        return true;
      }
      case OVERFLOW -> {
        Flight.backpressureClose(
            label, outbox.pendingBytes(), length, config.limits().maxPendingBytes());
        fail(
            new IpcProtocolException(
                IpcProtocolException.BACKPRESSURE,
                "pending writes to "
                    + label
                    + " would exceed maxPendingBytes ("
                    + config.limits().maxPendingBytes()
                    + " bytes); "
                    + outbox.pendingBytes()
                    + " bytes were queued and "
                    + length
                    + " more offered"));
        return false;
      }
      default -> {
        return false;
      }
    }
  }

  @Override
  public String id() {
    String claimed = claimedId;
    return claimed != null ? claimed : serverId;
  }

  @Override
  public SocketAddress remoteAddress() {
    return conduit.remoteAddress();
  }

  @Override
  public List<X509Certificate> peerCertificates() {
    return conduit.peerCertificates();
  }

  @Override
  public Optional<PeerCredentials> peerCredentials() {
    return conduit.peerCredentials();
  }

  @Override
  public boolean isOpen() {
    return !closing;
  }

  @Override
  public boolean emit(String type, Object data) {
    return offer(encoder.encode(type, data));
  }

  @Override
  public boolean emit(String type) {
    return emit(type, EventCodec.EMPTY_DATA);
  }

  @Override
  public boolean emit(byte[] bytes) {
    encoder.requireRaw();
    return offer(bytes);
  }

  @Override
  public boolean write(String text) {
    encoder.requireRaw();
    return offer(RawText.encode(text, config.encoding()));
  }

  @Override
  public CompletableFuture<Object> request(String type, Object data) {
    return request(type, data, config.requestTimeout());
  }

  @Override
  public CompletableFuture<Object> request(String type, Object data, Duration timeout) {
    return request(type, data, timeout, offerFrame);
  }

  @Override
  public CompletableFuture<Void> flush() {
    return outbox.flush("flush() of " + label);
  }

  @Override
  public long pendingBytes() {
    return outbox.pendingBytes();
  }

  @Override
  public IpcStats stats() {
    return Tally.of(this);
  }

  @Override
  public void close() {
    if (closing) {
      return;
    }
    closing = true;
    outbox.end();
    if (loop.inLoop()) {
      beginClose();
    } else {
      loop.execute(this::beginClose);
    }
  }

  @Override
  public String toString() {
    return "IpcSocket[" + label + "]";
  }

  /** Hands what the reader finds to the owner, while this connection still takes events. */
  private final class Delivery implements EventReader.Sink {
    @Override
    public boolean event(String type, Object data, int bytes) {
      if (failure != null || phase == Phase.CLOSED) {
        return false;
      }
      framesThisRead++;
      if (ControlFrames.isControl(type)) {
        control(type, data, bytes);
        return true;
      }
      return owner.event(Connection.this, type, data, bytes);
    }

    @Override
    public void raw(byte[] bytes) {
      if (failure == null && phase != Phase.CLOSED) {
        framesThisRead++;
        owner.raw(Connection.this, bytes);
      }
    }
  }
}
