package io.jipc.internal;

import io.jipc.internal.loop.Buffers;
import io.jipc.internal.loop.Gather;
import io.jipc.internal.loop.LoopFuture;
import io.jipc.internal.transport.Conduit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes one connection has queued and not yet handed to its conduit: a chain of chunks, each
 * either private (frames copied in, one after another) or shared (a broadcast frame, encoded once
 * and referenced by every outbox it went to).
 *
 * <pre>
 * head ─► [private: ping ping ping ...] ─► [shared: bcast frame] ─► [private: pong ...] ◄─ tail
 *          ^start            end^                                          appends go here
 * </pre>
 *
 * <p>Any thread may {@link #offer}; the connection's loop alone takes bytes out, with {@link
 * #drainTo}, in steps around each write so that no lock is held across I/O: the queued runs are
 * listed in the loop's {@link Gather}, the conduit writes them, and what left is dropped. A drained
 * outbox holds no chunk at all, so an idle connection keeps no write buffer; a new chunk is sized
 * by what the last write carried, so a steady stream allocates about one chunk per write.
 *
 * <p>An offer that finds the outbox idle returns {@link Offer#SCHEDULE}: its caller must arrange
 * one flush on the loop; later offers find it scheduled and only queue, until the loop drains it.
 * Queued bytes never exceed {@code maxPendingBytes}. Flush futures complete on the loop once their
 * bytes were handed to the system. Thread-safe.
 */
final class Outbox {
  /** What {@link #offer} did with the bytes. */
  enum Offer {
    /** Queued; a flush is already arranged. */
    QUEUED,
    /** Queued; the caller must arrange a flush on the loop. */
    SCHEDULE,
    /** Refused: the connection is closing or closed. */
    CLOSED,
    /** Refused: the bytes would pass {@code maxPendingBytes}. */
    OVERFLOW
  }

  /** What {@link #drainTo} left behind. */
  enum Drain {
    /** Nothing is queued any more. */
    EMPTY,
    /** The socket took less than offered: wait until it is writable. */
    BLOCKED,
    /** Bytes remain after a full turn of writes: go on after the loop's other work. */
    MORE
  }

  private enum State {
    OPEN,
    ENDING,
    STOPPED
  }

  /** Gathering writes per {@link #drainTo} before other connections get their turn. */
  private static final int WRITES_PER_TURN = 16;

  private static final int MIN_CHUNK = 512;
  private static final int MAX_CHUNK = 64 * 1024;

  /** A run of queued bytes: {@code [start, end)} of {@code data}. */
  private static final class Chunk {
    final byte[] data;
    final boolean shared;
    int start; // Guarded by the outbox.
    int end; // Guarded by the outbox.
    Chunk next; // Guarded by the outbox.

    Chunk(byte[] data, int end, boolean shared) {
      this.data = data;
      this.end = end;
      this.shared = shared;
    }
  }

  private record Waiter(long target, LoopFuture<Void> future, String what) {}

  private final long maxPendingBytes;
  private Chunk head; // Guarded by this.
  private Chunk tail; // Guarded by this.
  private long queued; // Bytes ever queued. Guarded by this.
  private long written; // Bytes ever handed to the conduit. Guarded by this.
  private int chunkHint = MIN_CHUNK; // Guarded by this.
  private boolean scheduled; // A flush is arranged. Guarded by this.
  private State state = State.OPEN; // Guarded by this.
  private List<Waiter> waiters; // Guarded by this; null when none.
  private boolean dropped; // stop() dropped queued bytes. Guarded by this.
  private long framesQueued; // Frames ever queued, for stats(). Guarded by this.

  Outbox(long maxPendingBytes) {
    this.maxPendingBytes = maxPendingBytes;
  }

  /** Queues a copy of {@code buf[off, off + len)}. */
  synchronized Offer offer(byte[] buf, int off, int len) {
    Offer refused = refusal(len);
    if (refused != null) {
      return refused;
    }
    Chunk last = tail;
    if (last == null || last.shared || last.data.length - last.end < len) {
      // A first chunk is sized by what the last write carried, but never far beyond this frame (a
      // socket that stalls after a burst must not hold 64 KiB for one small frame); a chunk that
      // follows a full one doubles, so a fast producer soon fills 64 KiB chunks.
      int size = Math.min(chunkHint, 64 * len);
      if (last != null && !last.shared) {
        size = Math.max(size, 2 * last.data.length);
      }
      last = link(new Chunk(new byte[Math.max(len, Math.min(MAX_CHUNK, size))], 0, false));
    }
    System.arraycopy(buf, off, last.data, last.end, len);
    last.end += len;
    queued += len;
    framesQueued++;
    return schedule();
  }

  /** Queues {@code frame} by reference: it must never change again (a broadcast frame). */
  synchronized Offer offerShared(byte[] frame) {
    Offer refused = refusal(frame.length);
    if (refused != null) {
      return refused;
    }
    link(new Chunk(frame, frame.length, true));
    queued += frame.length;
    framesQueued++;
    return schedule();
  }

  private Offer refusal(int len) {
    if (state != State.OPEN) {
      return Offer.CLOSED;
    }
    return queued - written + len > maxPendingBytes ? Offer.OVERFLOW : null;
  }

  private Chunk link(Chunk chunk) {
    if (tail == null) {
      head = chunk;
    } else {
      tail.next = chunk;
    }
    tail = chunk;
    return chunk;
  }

  private Offer schedule() {
    if (scheduled) {
      return Offer.QUEUED;
    }
    scheduled = true;
    return Offer.SCHEDULE;
  }

  /**
   * Writes queued bytes to {@code conduit}, oldest first, one gathering write of up to {@link
   * Buffers#WRITE_BYTES} at a time, until the queue is empty, the socket is full, or a turn is
   * over; loop only. Flushes whose bytes left complete here.
   */
  Drain drainTo(Conduit conduit, Buffers buffers) throws IOException {
    Gather pieces = buffers.gather();
    for (int turn = 0; turn < WRITES_PER_TURN; turn++) {
      long offered;
      long written;
      try {
        gather(pieces);
        offered = pieces.bytes();
        written = offered == 0 ? 0 : conduit.write(pieces, buffers);
      } finally {
        pieces.clear(); // the loop's list must not keep chunks alive
      }
      boolean more = advance(written);
      boolean conduitHolds = conduit.hasPendingOutput();
      if (!conduitHolds) {
        settle(); // everything counted as written is with the system now
      }
      if (written < offered || conduitHolds) {
        return Drain.BLOCKED;
      }
      if (!more) {
        return Drain.EMPTY;
      }
    }
    return Drain.MORE;
  }

  /** Lists up to {@link Buffers#WRITE_BYTES} queued bytes in {@code pieces}, oldest first. */
  private synchronized void gather(Gather pieces) {
    long bytes = 0;
    for (Chunk c = head; c != null && !pieces.full() && bytes < Buffers.WRITE_BYTES; c = c.next) {
      if (c.end > c.start) {
        int take = (int) Math.min(c.end - c.start, Buffers.WRITE_BYTES - bytes);
        pieces.add(c.data, c.start, take);
        bytes += take;
      }
    }
  }

  /**
   * Drops {@code n} bytes the conduit consumed and tells whether bytes remain; when none do, the
   * outbox is no longer scheduled. Flushes complete in {@link #settle()}, once the conduit holds
   * none of them either.
   */
  private synchronized boolean advance(long n) {
    if (state == State.STOPPED) {
      return false; // stopped by another thread during the write: nothing is queued any more
    }
    written += n;
    long left = n;
    while (head != null && (left > 0 || head.start == head.end)) {
      int take = (int) Math.min(left, head.end - head.start);
      head.start += take;
      left -= take;
      if (head.start < head.end) {
        break;
      }
      head = head.next;
    }
    if (head == null) {
      tail = null;
    }
    if (n > 0) {
      chunkHint = (int) Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, n));
    }
    boolean more = queued > written;
    scheduled = more;
    return more;
  }

  /** Completes the flushes whose bytes were all handed to the system. */
  private void settle() {
    List<Waiter> done;
    synchronized (this) {
      done = finishedWaiters();
    }
    complete(done);
  }

  private List<Waiter> finishedWaiters() {
    if (waiters == null) {
      return null;
    }
    List<Waiter> done = null;
    for (int i = 0; i < waiters.size(); ) {
      Waiter w = waiters.get(i);
      if (w.target <= written) {
        if (done == null) {
          done = new ArrayList<>();
        }
        done.add(w);
        waiters.remove(i);
      } else {
        i++;
      }
    }
    if (waiters.isEmpty()) {
      waiters = null;
    }
    return done;
  }

  private static void complete(List<Waiter> done) {
    if (done != null) {
      done.forEach(w -> w.future.complete(null));
    }
  }

  /**
   * Returns a snapshot of the frames ever queued and the bytes ever handed to the conduit, for
   * {@code stats()}; any thread. The counts live in fields the offers and writes already touch
   * under this lock, so counting adds no cache traffic between the sending thread and the loop.
   */
  synchronized Meter sent() {
    Meter snapshot = new Meter();
    snapshot.add(framesQueued, written);
    return snapshot;
  }

  /** Returns the bytes queued and not yet handed to the conduit. */
  synchronized long pendingBytes() {
    return queued - written;
  }

  /**
   * Returns a future completed when everything queued so far has been handed to the conduit, or
   * failed if the connection closes first.
   */
  synchronized LoopFuture<Void> flush(String what) {
    if (state == State.STOPPED && dropped) {
      return LoopFuture.failed(what, new IOException(what + ": the connection closed first"));
    }
    if (written == queued) {
      return LoopFuture.completed(what, null);
    }
    LoopFuture<Void> future = new LoopFuture<>(what);
    if (waiters == null) {
      waiters = new ArrayList<>(2);
    }
    waiters.add(new Waiter(queued, future, what));
    return future;
  }

  /**
   * Records that bytes this outbox counted as written were lost after all (a conduit held them).
   */
  synchronized void lost() {
    dropped = true;
  }

  /** Refuses new bytes; what is queued still leaves. Idempotent. */
  synchronized void end() {
    if (state == State.OPEN) {
      state = State.ENDING;
    }
  }

  /**
   * Refuses new bytes and drops what is queued; pending flushes fail.
   *
   * @return the bytes dropped
   */
  long stop() {
    List<Waiter> failed;
    long lost;
    synchronized (this) {
      state = State.STOPPED;
      lost = queued - written;
      dropped |= lost > 0;
      written = queued;
      head = null;
      tail = null;
      scheduled = false;
      failed = waiters;
      waiters = null;
    }
    if (failed != null) {
      failed.forEach(
          w ->
              w.future.completeExceptionally(
                  new IOException(w.what + ": the connection closed before its bytes left")));
    }
    return lost;
  }
}
