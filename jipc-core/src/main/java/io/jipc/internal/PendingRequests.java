package io.jipc.internal;

import io.jipc.IpcProtocolException;
import io.jipc.IpcRemoteException;
import io.jipc.IpcSocket;
import io.jipc.IpcStats;
import io.jipc.internal.codec.ByteSink;
import io.jipc.internal.codec.ControlFrames;
import io.jipc.internal.jfr.Flight;
import io.jipc.internal.loop.Loop;
import io.jipc.internal.loop.LoopFuture;
import io.jipc.internal.loop.LoopTimer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * The requests one connection has sent and waits to hear about ({@link ControlFrames}): each has an
 * id unique on the connection, a future, and a deadline. A reply completes its request's future; a
 * request whose deadline passes fails with a {@link TimeoutException}; when the connection ends,
 * every waiting request fails at once. Futures complete on the connection's {@link Lane}, in order
 * with its events. Deadlines are watched by one loop timer per connection, armed for the earliest
 * one, so a steady stream of requests costs no timer per request.
 *
 * <p>Thread-safe: any thread may send; replies, the timer and the end come on the loop. The table
 * has one lock, never held while a future completes or a frame is written.
 */
final class PendingRequests {
  private static final Duration MIN_TIMEOUT = Duration.ofMillis(1);
  private static final Duration MAX_TIMEOUT = Duration.ofDays(1);

  /** One request waiting for its reply. */
  record Waiting(long id, String type, long sentAt, long deadline, LoopFuture<Object> future) {}

  private final Loop loop;
  private final Lane lane;
  private final IpcSocket socket;
  private final String peer;
  private final int max;
  private final BooleanSupplier completedHere;
  private final WaitingTable waiting = new WaitingTable(); // Guarded by this.
  private long lastId; // Guarded by this.
  private String ended; // Guarded by this: why the connection ended; later requests fail at once.
  private LoopTimer sweep; // Guarded by this: armed on the loop for sweepAt.
  private long sweepAt; // Guarded by this.
  private boolean wanted; // Guarded by this: a sweep is armed, or asked for, by wantedAt.
  private long wantedAt; // Guarded by this.
  private ThrottledErrors unknownReplies; // Loop only.
  private long answered; // Guarded by this.
  private long failed; // Guarded by this.
  private long timedOut; // Guarded by this.

  /**
   * Creates the table of {@code socket}, a connection run by {@code loop} whose handlers run on
   * {@code lane}; {@code peer} names the other side in messages ("server /run/a.sock").
   */
  PendingRequests(Loop loop, Lane lane, IpcSocket socket, String peer, int maxPending) {
    this.loop = loop;
    this.lane = lane;
    this.socket = socket;
    this.peer = peer;
    this.max = maxPending;
    this.completedHere = lane::runsHere;
  }

  /**
   * Sends one request: {@code encoder} checks its type and turns it into a frame, which {@code
   * send} queues on the connection (false: it is closing). Returns the future of the answer.
   *
   * @throws IllegalArgumentException if {@code timeout} is out of range, or from {@code encoder}
   */
  CompletableFuture<Object> send(
      String type, Object data, Duration timeout, FrameEncoder encoder, Predicate<ByteSink> send) {
    long nanos = checkTimeout(timeout);
    encoder.checkRequest(type);
    long now = System.nanoTime();
    LoopFuture<Object> future = new LoopFuture<>(() -> describe(type), completedHere);
    Waiting request;
    boolean arm;
    synchronized (this) {
      if (ended != null) {
        failed++;
        future.completeExceptionally(
            new IOException("request \"" + type + "\" not sent: " + ended));
        return future;
      }
      if (waiting.size() >= max) {
        failed++;
        future.completeExceptionally(
            new IpcProtocolException(
                IpcProtocolException.TOO_MANY_REQUESTS,
                "request \""
                    + type
                    + "\" to "
                    + peer
                    + " not sent: "
                    + waiting.size()
                    + " requests wait for replies, maxPendingRequests ("
                    + max
                    + ")"));
        return future;
      }
      request = new Waiting(++lastId, type, now, now + nanos, future);
      waiting.put(request);
      arm = want(request.deadline);
    }
    if (arm) {
      // Timers are armed on the loop, so that no lock is held while another thread wakes it.
      if (loop.inLoop()) {
        arm();
      } else {
        loop.execute(this::arm);
      }
    }
    boolean sent;
    try {
      sent = send.test(encoder.encodeRequest(request.id, type, data));
    } catch (RuntimeException e) {
      forget(request);
      throw e;
    }
    if (!sent && forget(request)) {
      countFailed();
      future.completeExceptionally(
          new IOException(
              "request \""
                  + type
                  + "\" not sent: the connection to "
                  + peer
                  + " is closing (or, in sync mode, its queue is full)"));
    }
    return future;
  }

  private String describe(String type) {
    return "request \"" + type + "\" to " + peer;
  }

  /**
   * Returns {@code timeout} in nanoseconds.
   *
   * @throws IllegalArgumentException if it is not 1 ms to 1 day
   */
  static long checkTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.compareTo(MIN_TIMEOUT) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
      throw new IllegalArgumentException("request timeout must be 1 ms to 1 day, not " + timeout);
    }
    return timeout.toNanos();
  }

  private synchronized void countFailed() {
    failed++;
  }

  /** Returns the requests waiting now and how the others ended, counted so far; any thread. */
  synchronized IpcStats.Requests counts() {
    return new IpcStats.Requests(waiting.size(), answered, failed, timedOut);
  }

  /** Removes a request that was not sent; returns false if something else ended it first. */
  private synchronized boolean forget(Waiting request) {
    return waiting.remove(request.id) == request;
  }

  /** Asks for a sweep by {@code deadline}; returns true if the timer must be armed anew. */
  private boolean want(long deadline) { // Guarded by this.
    if (wanted && wantedAt - deadline <= 0) {
      return false;
    }
    wanted = true;
    wantedAt = deadline;
    return true;
  }

  /** Arms the timer for the sweep asked for, unless it is armed for that time or earlier; loop. */
  private synchronized void arm() {
    if (!wanted || (sweep != null && sweepAt - wantedAt <= 0)) {
      return;
    }
    if (sweep != null) {
      sweep.cancel();
    }
    sweepAt = wantedAt;
    sweep = loop.schedule(wantedAt - System.nanoTime(), this::expire);
  }

  /** Fails the requests whose deadline has passed; loop only, by the timer. */
  private void expire() {
    long now = System.nanoTime();
    List<Waiting> late = new ArrayList<>();
    synchronized (this) {
      sweep = null;
      wanted = false;
      long next = 0;
      boolean any = false;
      for (Waiting request : waiting.all()) {
        if (request.deadline - now <= 0) {
          waiting.remove(request.id);
          late.add(request);
        } else if (!any || request.deadline - next < 0) {
          next = request.deadline;
          any = true;
        }
      }
      if (any && want(next)) {
        arm();
      }
      timedOut += late.size();
    }
    for (Waiting request : late) {
      long waited = TimeUnit.NANOSECONDS.toMillis(now - request.sentAt);
      long allowed = TimeUnit.NANOSECONDS.toMillis(request.deadline - request.sentAt);
      Flight.requestTimeout(
          peer, request.type, request.id, request.deadline - request.sentAt, now - request.sentAt);
      TimeoutException timeout =
          new TimeoutException(
              describe(request.type)
                  + " (id "
                  + request.id
                  + ") got no reply within "
                  + allowed
                  + " ms: "
                  + waited
                  + " ms elapsed");
      lane.run(() -> request.future.completeExceptionally(timeout));
    }
  }

  /** Handles a {@code jipc.reply} frame's data; loop only. */
  void replied(Object data, EndpointCore core) {
    Object id;
    Object answer = null;
    Object error = null;
    if (data instanceof ControlFrames.Answer usual) {
      id = usual.id();
      answer = usual.data();
    } else if (data instanceof Map<?, ?> reply) {
      id = reply.get("id");
      answer = reply.get("data");
      error = reply.get("error");
    } else {
      id = null;
    }
    Waiting request = null;
    if (id instanceof Long number) {
      synchronized (this) {
        request = waiting.remove(number);
        if (request != null && error != null) {
          failed++;
        } else if (request != null) {
          answered++;
        }
      }
    }
    if (request == null) {
      unknown(id, core);
      return;
    }
    LoopFuture<Object> future = request.future;
    if (error != null) {
      IpcRemoteException failure = remoteFailure(request, error);
      lane.run(() -> future.completeExceptionally(failure));
    } else if (lane.runsHere()) {
      future.complete(answer); // the inline lane on its loop: what lane.run would do, unwrapped
    } else {
      Object value = answer;
      lane.run(() -> future.complete(value));
    }
  }

  private IpcRemoteException remoteFailure(Waiting request, Object error) {
    Object code = error instanceof Map<?, ?> fields ? fields.get("code") : null;
    Object message = error instanceof Map<?, ?> fields ? fields.get("message") : error;
    String codeText = code instanceof String text ? text : IpcRemoteException.HANDLER_FAILED;
    String messageText = message == null ? "" : String.valueOf(message);
    return new IpcRemoteException(
        codeText,
        messageText,
        peer
            + " answered request \""
            + request.type
            + "\" (id "
            + request.id
            + ") with "
            + codeText
            + ": "
            + messageText);
  }

  private void unknown(Object id, EndpointCore core) {
    if (unknownReplies == null) {
      unknownReplies =
          new ThrottledErrors(
              core,
              loop,
              lane,
              socket,
              (last, count) ->
                  new IpcProtocolException(
                      IpcProtocolException.UNKNOWN_REPLY,
                      last
                          + (count == 1
                              ? ""
                              : " (" + count + " such replies since the last report)")
                          + "; dropped"));
    }
    unknownReplies.add(
        "a reply from "
            + peer
            + " matches no waiting request (id "
            + (id instanceof Long ? id : "of a kind jipc never sends")
            + "): it came after its request timed out or failed, or was never asked for");
  }

  /**
   * Fails every waiting request and every later one: the connection ended, with {@code failure} or
   * cleanly; loop only, once.
   */
  void end(Throwable failure) {
    List<Waiting> left;
    String why =
        "the connection to "
            + peer
            + (failure == null ? " closed" : " failed: " + failure.getMessage());
    synchronized (this) {
      ended = why;
      left = waiting.all();
      waiting.clear();
      failed += left.size();
      wanted = false;
      if (sweep != null) {
        sweep.cancel();
        sweep = null;
      }
    }
    if (unknownReplies != null) {
      unknownReplies.cancel();
    }
    for (Waiting request : left) {
      IOException closed =
          new IOException(
              describe(request.type) + " (id " + request.id + ") got no reply: " + why, failure);
      lane.run(() -> request.future.completeExceptionally(closed));
    }
  }

  /** Returns the number of requests waiting for replies now. */
  synchronized int size() {
    return waiting.size();
  }

  /**
   * The waiting requests by id: an open-addressing table with linear probing, so a request costs no
   * boxed key and no entry object. Kept at most half full. Not thread-safe: guarded by its table.
   */
  static final class WaitingTable {
    private long[] ids = new long[16];
    private Waiting[] requests = new Waiting[16];
    private int size;

    int size() {
      return size;
    }

    void put(Waiting request) {
      if (2 * (size + 1) > requests.length) {
        grow();
      }
      int mask = requests.length - 1;
      int slot = slot(request.id, mask);
      while (requests[slot] != null) {
        slot = (slot + 1) & mask;
      }
      ids[slot] = request.id;
      requests[slot] = request;
      size++;
    }

    /** Removes and returns the request {@code id}, or null. */
    Waiting remove(long id) {
      int mask = requests.length - 1;
      int slot = slot(id, mask);
      while (requests[slot] != null) {
        if (ids[slot] == id) {
          Waiting found = requests[slot];
          close(slot, mask);
          size--;
          return found;
        }
        slot = (slot + 1) & mask;
      }
      return null;
    }

    /** Fills the hole at {@code hole} with later entries of its probe run (no tombstones). */
    private void close(int hole, int mask) {
      requests[hole] = null;
      for (int slot = (hole + 1) & mask; requests[slot] != null; slot = (slot + 1) & mask) {
        int home = slot(ids[slot], mask);
        // Move the entry back unless its home lies cyclically in (hole, slot].
        boolean stays = hole <= slot ? hole < home && home <= slot : hole < home || home <= slot;
        if (!stays) {
          ids[hole] = ids[slot];
          requests[hole] = requests[slot];
          requests[slot] = null;
          hole = slot;
        }
      }
    }

    List<Waiting> all() {
      List<Waiting> all = new ArrayList<>(size);
      for (Waiting request : requests) {
        if (request != null) {
          all.add(request);
        }
      }
      return all;
    }

    void clear() {
      java.util.Arrays.fill(requests, null);
      size = 0;
    }

    private void grow() {
      Waiting[] old = requests;
      ids = new long[old.length * 2];
      requests = new Waiting[old.length * 2];
      size = 0;
      for (Waiting request : old) {
        if (request != null) {
          put(request);
        }
      }
    }

    private static int slot(long id, int mask) {
      return (int) ((id * 0x9E3779B97F4A7C15L) >>> 32) & mask;
    }
  }
}
