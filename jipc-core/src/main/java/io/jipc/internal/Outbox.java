package io.jipc.internal;

import io.jipc.internal.codec.ByteSink;
import io.jipc.internal.transport.Conduit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The write side of one connection: a bounded queue of encoded bytes, drained by one writer thread
 * that writes everything queued so far with one call.
 *
 * <p>{@link #offer} never blocks: it copies the bytes into the pending buffer and wakes the writer
 * only if it is parked. Bytes offered by the connection's own reader thread between {@link
 * #beginBatch()} and {@link #endBatch()} (replies from handlers) wake the writer once, at the end,
 * so a read's replies leave in one write. Queued bytes, pending plus being written, never exceed
 * {@code maxPendingBytes}. Thread-safe.
 */
final class Outbox {
  /** What {@link #offer} did with the bytes. */
  enum Offer {
    QUEUED,
    CLOSED,
    OVERFLOW
  }

  private enum State {
    OPEN,
    ENDING,
    STOPPED
  }

  private static final int INITIAL = 8 * 1024;
  private static final int KEEP = 256 * 1024;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  private final Condition stopped = lock.newCondition();
  private final int maxPendingBytes;
  private ByteSink pending = new ByteSink(INITIAL); // Guarded by lock.
  private ByteSink spare = new ByteSink(INITIAL); // Guarded by lock.
  private int inFlight; // Guarded by lock.
  private long queuedTotal; // Guarded by lock.
  private long writtenTotal; // Guarded by lock.
  private boolean writerParked; // Guarded by lock.
  private boolean writerDone; // Guarded by lock.
  private State state = State.OPEN; // Guarded by lock.
  private final List<Waiter> waiters = new ArrayList<>(); // Guarded by lock.
  private Thread batchOwner; // Written and compared only by the reader thread.
  private boolean deferredWake; // Set under lock, only by batchOwner; read by it alone.

  private record Waiter(long target, CompletableFuture<Void> future) {}

  Outbox(int maxPendingBytes) {
    this.maxPendingBytes = maxPendingBytes;
  }

  /** Queues {@code len} bytes unless the outbox is closing or the limit would be passed. */
  Offer offer(byte[] buf, int off, int len) {
    lock.lock();
    try {
      if (state != State.OPEN) {
        return Offer.CLOSED;
      }
      if ((long) pending.size() + inFlight + len > maxPendingBytes) {
        return Offer.OVERFLOW;
      }
      pending.write(buf, off, len);
      queuedTotal += len;
      if (writerParked) {
        if (batchOwner == Thread.currentThread()) {
          deferredWake = true;
        } else {
          writerParked = false;
          work.signal();
        }
      }
      return Offer.QUEUED;
    } finally {
      lock.unlock();
    }
  }

  /** Marks the start of a read's dispatch on the calling (reader) thread. */
  void beginBatch() {
    batchOwner = Thread.currentThread();
  }

  /** Ends the batch and wakes the writer once if replies were queued. */
  void endBatch() {
    batchOwner = null;
    if (deferredWake) {
      lock.lock();
      try {
        deferredWake = false;
        if (writerParked) {
          writerParked = false;
          work.signal();
        }
      } finally {
        lock.unlock();
      }
    }
  }

  /** Returns the bytes queued and not yet written. */
  long pendingBytes() {
    lock.lock();
    try {
      return queuedTotal - writtenTotal;
    } finally {
      lock.unlock();
    }
  }

  /** Returns a future completed when everything queued so far is written. */
  CompletableFuture<Void> flush() {
    lock.lock();
    try {
      if (writtenTotal == queuedTotal) {
        return CompletableFuture.completedFuture(null);
      }
      CompletableFuture<Void> future = new CompletableFuture<>();
      if (state == State.STOPPED) {
        future.completeExceptionally(new IOException("connection closed before the flush"));
      } else {
        waiters.add(new Waiter(queuedTotal, future));
        if (writerParked) {
          // A wake deferred to the end of a batch would leave a flush inside a handler waiting.
          writerParked = false;
          work.signal();
        }
      }
      return future;
    } finally {
      lock.unlock();
    }
  }

  /** Refuses new bytes; the writer writes what is queued, then ends the output. */
  void end() {
    transition(State.ENDING);
  }

  /** Refuses new bytes and drops what is queued; the writer stops. */
  void stop() {
    transition(State.STOPPED);
  }

  private void transition(State next) {
    lock.lock();
    try {
      if (state.ordinal() < next.ordinal()) {
        state = next;
      }
      work.signal();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits up to {@code nanos} for the writer to finish; returns true if it did.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  boolean awaitWriter(long nanos) throws InterruptedException {
    lock.lock();
    try {
      long left = nanos;
      while (!writerDone && left > 0) {
        left = stopped.awaitNanos(left);
      }
      return writerDone;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The writer thread's loop: writes batches until stopped, or until ended and drained, then shuts
   * the output down. A write failure goes to {@code onFailure}.
   */
  void runWriter(Conduit conduit, Consumer<IOException> onFailure) {
    try {
      ByteSink batch;
      while ((batch = nextBatch()) != null) {
        conduit.write(batch.array(), 0, batch.size());
        written(batch);
      }
      if (drainedForEnd()) {
        conduit.shutdownOutput();
      }
    } catch (IOException e) {
      onFailure.accept(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      finishWriter();
    }
  }

  private ByteSink nextBatch() throws InterruptedException {
    lock.lock();
    try {
      while (pending.size() == 0 && state == State.OPEN) {
        writerParked = true;
        work.await();
      }
      writerParked = false;
      if (state == State.STOPPED || pending.size() == 0) {
        return null;
      }
      ByteSink batch = pending;
      pending = spare;
      spare = null;
      inFlight = batch.size();
      return batch;
    } finally {
      lock.unlock();
    }
  }

  private void written(ByteSink batch) {
    List<CompletableFuture<Void>> done = new ArrayList<>();
    lock.lock();
    try {
      writtenTotal += batch.size();
      inFlight = 0;
      batch.reset();
      spare = batch.array().length > KEEP ? new ByteSink(INITIAL) : batch;
      waiters.removeIf(w -> w.target <= writtenTotal && done.add(w.future));
    } finally {
      lock.unlock();
    }
    done.forEach(f -> f.complete(null));
  }

  private boolean drainedForEnd() {
    lock.lock();
    try {
      return state == State.ENDING;
    } finally {
      lock.unlock();
    }
  }

  private void finishWriter() {
    List<Waiter> failed;
    lock.lock();
    try {
      state = State.STOPPED;
      writerDone = true;
      failed = new ArrayList<>(waiters);
      waiters.clear();
      stopped.signalAll();
    } finally {
      lock.unlock();
    }
    IOException closed = new IOException("connection closed before the flush");
    failed.forEach(w -> w.future.completeExceptionally(closed));
  }
}
