package io.jipc.internal;

import io.jipc.internal.codec.ByteSink;
import io.jipc.internal.transport.Conduit;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The write side of one connection: a bounded queue of encoded bytes and the rules for who writes
 * them.
 *
 * <p>{@link #offer} never blocks: it copies the bytes into the pending buffer. Bytes offered by the
 * connection's reader thread between {@link #beginBatch()} and {@link #endBatch()} (replies from
 * handlers) are written by that thread at the end of the batch, with a write that never waits; if
 * the socket takes only part, the rest goes to the writer thread, which waits for the socket. Bytes
 * offered by any other thread wake the writer thread, which writes everything queued by then with
 * one call, and yields once before parking so that a fast producer's frames gather into large
 * writes. One thread writes at a time (the write token), and bytes leave in the order offered.
 * Queued bytes, pending plus unwritten, never exceed {@code maxPendingBytes}; the two buffers keep
 * their size while traffic needs it and shrink when it drops or stops for a second. Flush futures
 * complete on the thread that wrote the last of their bytes. Thread-safe.
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

  /** A buffer shrinks back after this many batches in a row used under a quarter of it. */
  private static final int SHRINK_AFTER = 8;

  /** Buffers grown by a burst are released after the writer has been idle this long. */
  private static final long IDLE_RELEASE_NANOS = 1_000_000_000L;

  private final Conduit conduit;
  private final int maxPendingBytes;
  private final Consumer<IOException> onFailure;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  private final Condition writerStopped = lock.newCondition();
  private ByteSink pending = new ByteSink(INITIAL); // Guarded by lock.
  private ByteSink spare = new ByteSink(INITIAL); // Guarded by lock.
  private ByteSink
      current; // Taken for writing; bytes before currentOffset are out. Guarded by lock.
  private int currentOffset; // Guarded by lock.
  private int underused; // Batches in a row that used under a quarter of their buffer. Guarded.
  private boolean writing; // A thread holds the write token. Guarded by lock.
  private long queuedTotal; // Guarded by lock.
  private long writtenTotal; // Guarded by lock.
  private boolean writerParked; // Guarded by lock.
  private boolean writerDone; // Guarded by lock.
  private State state = State.OPEN; // Guarded by lock.
  private final List<Waiter> waiters = new ArrayList<>(); // Guarded by lock.
  private Thread batchOwner; // Written and compared only by the reader thread.
  private boolean appendedInBatch; // Set under lock, only by batchOwner; read by it alone.

  private record Waiter(long target, CompletableFuture<Void> future) {}

  Outbox(Conduit conduit, int maxPendingBytes, Consumer<IOException> onFailure) {
    this.conduit = conduit;
    this.maxPendingBytes = maxPendingBytes;
    this.onFailure = onFailure;
  }

  /** Queues {@code len} bytes unless the outbox is closing or the limit would be passed. */
  Offer offer(byte[] buf, int off, int len) {
    lock.lock();
    try {
      if (state != State.OPEN) {
        return Offer.CLOSED;
      }
      if (queuedTotal - writtenTotal + len > maxPendingBytes) {
        return Offer.OVERFLOW;
      }
      pending.write(buf, off, len);
      queuedTotal += len;
      if (batchOwner == Thread.currentThread()) {
        appendedInBatch = true;
      } else {
        wakeWriterForWork();
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

  /** Ends the batch and writes the replies it queued, without waiting for the socket. */
  void endBatch() {
    batchOwner = null;
    if (!appendedInBatch) {
      return;
    }
    appendedInBatch = false;
    ByteSink batch;
    lock.lock();
    try {
      if (writing || current != null || state == State.STOPPED || pending.size() == 0) {
        wakeWriterForWork();
        return;
      }
      batch = takePending();
      writing = true;
    } finally {
      lock.unlock();
    }
    int written = 0;
    try {
      written = conduit.tryWrite(batch.array(), 0, batch.size());
    } catch (IOException e) {
      onFailure.accept(e);
    } finally {
      finishWrite(written);
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
        // Replies of a batch still in dispatch are written at its end; a flush inside a handler
        // must not wait for that end, so the writer takes them now.
        wakeWriterForWork();
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
      if (writerParked) {
        writerParked = false;
        work.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits up to {@code nanos} for the writer thread to finish; returns true if it did.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  boolean awaitWriter(long nanos) throws InterruptedException {
    lock.lock();
    try {
      long left = nanos;
      while (!writerDone && left > 0) {
        left = writerStopped.awaitNanos(left);
      }
      return writerDone;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The writer thread's loop: writes what others queued and what an inline write left over, until
   * stopped, or until ended and drained, then shuts the output down.
   */
  void runWriter() {
    try {
      int[] from = new int[1];
      ByteSink batch;
      while ((batch = nextBatch(from)) != null) {
        conduit.write(batch.array(), from[0], batch.size() - from[0]);
        finishWrite(batch.size() - from[0]);
        lingerIfIdle();
      }
      if (endedAndDrained()) {
        conduit.shutdownOutput();
      }
    } catch (IOException e) {
      onFailure.accept(e);
    } catch (InterruptedException e) {
      onFailure.accept(new InterruptedIOException("the writer thread was interrupted"));
    } finally {
      finishWriter();
    }
  }

  /** Waits for work and takes the write token; null when stopped, or ended with nothing left. */
  private ByteSink nextBatch(int[] from) throws InterruptedException {
    lock.lock();
    try {
      while (state != State.STOPPED
          && (writing || (current == null && pending.size() == 0 && state == State.OPEN))) {
        writerParked = true;
        if (!oversized()) {
          work.await();
        } else if (work.awaitNanos(IDLE_RELEASE_NANOS) <= 0 && idle()) {
          // A burst is over: an idle connection keeps no more than small buffers.
          pending = new ByteSink(INITIAL);
          spare = new ByteSink(INITIAL);
        }
      }
      writerParked = false;
      if (state == State.STOPPED || (current == null && pending.size() == 0)) {
        return null;
      }
      if (current == null) {
        takePending();
      }
      writing = true;
      from[0] = currentOffset;
      return current;
    } finally {
      lock.unlock();
    }
  }

  private boolean oversized() {
    return pending.array().length > INITIAL || (spare != null && spare.array().length > INITIAL);
  }

  private boolean idle() {
    return !writing && current == null && pending.size() == 0 && state == State.OPEN;
  }

  /** Gives a producer on another CPU, or sharing this one, a moment to add to the next write. */
  private void lingerIfIdle() {
    boolean nothingQueued;
    lock.lock();
    try {
      nothingQueued = idle();
    } finally {
      lock.unlock();
    }
    if (nothingQueued) {
      Thread.yield();
    }
  }

  private ByteSink takePending() {
    current = pending;
    currentOffset = 0;
    pending = spare != null ? spare : new ByteSink(INITIAL);
    spare = null;
    return current;
  }

  /** Records {@code n} written bytes, returns the token, and hands any rest to the writer. */
  private void finishWrite(int n) {
    List<CompletableFuture<Void>> done = null;
    lock.lock();
    try {
      writtenTotal += n;
      currentOffset += n;
      if (current != null && currentOffset >= current.size()) {
        spare = recycle(current);
        current = null;
      }
      writing = false;
      if (!waiters.isEmpty()) {
        done = new ArrayList<>();
        for (Iterator<Waiter> i = waiters.iterator(); i.hasNext(); ) {
          Waiter w = i.next();
          if (w.target <= writtenTotal) {
            done.add(w.future);
            i.remove();
          }
        }
      }
      if (current != null || pending.size() > 0 || state != State.OPEN) {
        wakeWriterForWork();
      }
    } finally {
      lock.unlock();
    }
    if (done != null) {
      done.forEach(f -> f.complete(null));
    }
  }

  /**
   * Returns a written buffer for reuse: it keeps its size while batches need it (regrowing a large
   * buffer for every batch cost a fast producer a quarter of its throughput) and shrinks back after
   * {@link #SHRINK_AFTER} small batches in a row. Called under the lock.
   */
  private ByteSink recycle(ByteSink written) {
    int capacity = written.array().length;
    underused = capacity > INITIAL && written.size() < capacity / 4 ? underused + 1 : 0;
    if (underused >= SHRINK_AFTER) {
      underused = 0;
      return new ByteSink(INITIAL);
    }
    written.reset();
    return written;
  }

  private void wakeWriterForWork() {
    if (writerParked && !writing) {
      writerParked = false;
      work.signal();
    }
  }

  private boolean endedAndDrained() {
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
      writerStopped.signalAll();
    } finally {
      lock.unlock();
    }
    IOException closed = new IOException("connection closed before the flush");
    failed.forEach(w -> w.future.completeExceptionally(closed));
  }
}
