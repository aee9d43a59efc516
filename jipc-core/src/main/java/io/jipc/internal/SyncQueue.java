package io.jipc.internal;

import java.util.ArrayDeque;
import java.util.function.Predicate;

/**
 * node-ipc's sync mode for a client: one frame in flight; the others wait here until any event (or,
 * raw, any chunk) arrives, which releases the next. Bounded by {@code maxPendingBytes}. A new
 * connection starts with nothing in flight. Thread-safe.
 */
final class SyncQueue {
  private final ArrayDeque<byte[]> waiting = new ArrayDeque<>(); // Guarded by this.
  private final long maxBytes;
  private long bytes; // Guarded by this.
  private boolean inFlight; // Guarded by this.

  SyncQueue(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** Result of {@link #offer}. */
  enum Offer {
    SENT,
    NOT_SENT,
    QUEUED,
    FULL
  }

  /**
   * Sends {@code frame} through {@code send} if nothing is in flight, else queues it. The send
   * happens under this queue's monitor, so a frame released by {@link #next} can never overtake it.
   */
  synchronized Offer offer(byte[] frame, Predicate<byte[]> send) {
    if (!inFlight) {
      inFlight = true;
      return send.test(frame) ? Offer.SENT : Offer.NOT_SENT;
    }
    if (bytes + frame.length > maxBytes) {
      return Offer.FULL;
    }
    waiting.add(frame);
    bytes += frame.length;
    return Offer.QUEUED;
  }

  /** An answer arrived: sends the next queued frame through {@code send}, or frees the slot. */
  synchronized void next(Predicate<byte[]> send) {
    byte[] frame = waiting.poll();
    if (frame == null) {
      inFlight = false;
      return;
    }
    bytes -= frame.length;
    send.test(frame);
  }

  /** A new connection: nothing is in flight; sends the oldest queued frame, if any. */
  synchronized void restart(Predicate<byte[]> send) {
    inFlight = true;
    next(send);
  }
}
