package io.jipc.internal;

import io.jipc.IpcConfig;
import io.jipc.internal.jfr.Flight;
import io.jipc.internal.loop.KeepAlive;
import io.jipc.internal.loop.Loop;
import io.jipc.internal.loop.Loops;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What every endpoint (stream server, UDP endpoint, client) has the same way, held by composition:
 * its lifecycle state, its handler registry, its log, the loops and lanes its work runs on, and the
 * reports of handlers that block a loop. Thread-safe.
 */
final class EndpointCore implements Loop.SlowHandlerReport {
  /** The lifecycle of an endpoint: made, then started, then closed; never back. */
  enum State {
    NEW,
    STARTED,
    CLOSED
  }

  /** At most this many event types are named in slow-handler reports per endpoint. */
  private static final int MAX_SLOW_TYPES = 64;

  /** The innermost frames of a held loop's stack that a slow-handler report names. */
  private static final int STACK_FRAMES_SHOWN = 12;

  final IpcConfig config;
  final Log log;
  final Handlers handlers;
  final Responders responders;
  volatile String owner;
  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
  private final Set<String> slowTypes = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean rejectionReported = new AtomicBoolean();

  /** Creates the core of an endpoint; {@code owner} names it in messages ("server /run/a.sock"). */
  EndpointCore(IpcConfig config, String owner) {
    this.config = config;
    this.owner = owner;
    this.log = new Log(config);
    this.handlers = new Handlers(log, owner);
    this.responders = new Responders(this);
  }

  /** Renames the endpoint in later messages, once it is bound ("server 127.0.0.1:40213"). */
  void rename(String name) {
    owner = name;
    handlers.rename(name);
  }

  /** Returns the state now. */
  State state() {
    return state.get();
  }

  /**
   * Moves from NEW to STARTED.
   *
   * @throws IllegalStateException naming the endpoint when it was started or closed before
   */
  void start() {
    if (!state.compareAndSet(State.NEW, State.STARTED)) {
      throw new IllegalStateException(
          owner + " is " + (state.get() == State.CLOSED ? "closed" : "already started"));
    }
  }

  /** Moves from STARTED back to NEW: starting failed, and may be tried again. */
  void unstart() {
    state.compareAndSet(State.STARTED, State.NEW);
  }

  /** Moves to CLOSED; returns the state it left (CLOSED when it was closed already). */
  State close() {
    return state.getAndSet(State.CLOSED);
  }

  /** Returns true once {@link #close()} ran. */
  boolean closed() {
    return state.get() == State.CLOSED;
  }

  /** Returns a loop for new work, round-robin over the first {@code ioThreads}. */
  Loop pickLoop() {
    return Loops.pick(config.ioThreads());
  }

  /** Returns a new lane for handlers of work run by {@code loop}, by {@code handlerExecutor}. */
  Lane newLane(Loop loop) {
    Executor executor = config.handlerExecutor();
    return executor == null
        ? Lane.inline(this, loop)
        : Lane.onExecutor(this, executor, config.limits().maxPendingBytes());
  }

  /**
   * Reports, once per event type, a handler that has held {@code loop} for {@code nanos} and still
   * runs, with where the loop is now; called by the loops' watchdog.
   */
  @Override
  public void slow(String type, long nanos, Loop loop, StackTraceElement[] stack) {
    Flight.slowHandler(owner, type, loop.name(), nanos, top(stack));
    if (slowTypes.size() >= MAX_SLOW_TYPES || !slowTypes.add(type)) {
      return;
    }
    SlowHandler where =
        new SlowHandler(
            "a handler for \""
                + type
                + "\" on "
                + owner
                + " has held I/O loop "
                + loop.name()
                + " for "
                + TimeUnit.NANOSECONDS.toMillis(nanos)
                + " ms (the limit is "
                + KeepAlive.SLOW_MILLIS
                + " ms) and still runs: the other connections of that loop wait meanwhile; run"
                + " handlers that block on handlerExecutor (reported once per event type); the"
                + " loop is at "
                + top(stack));
    where.setStackTrace(stack);
    log.warn(where.getMessage(), where);
  }

  /** Returns the innermost frames of {@code stack}, innermost first, for a one-line message. */
  private static String top(StackTraceElement[] stack) {
    StringBuilder frames = new StringBuilder();
    for (int i = 0; i < Math.min(STACK_FRAMES_SHOWN, stack.length); i++) {
      frames.append(i == 0 ? "" : " < ").append(stack[i]);
    }
    return frames.append(stack.length > STACK_FRAMES_SHOWN ? " < …" : "").toString();
  }

  /** Carries the stack of a loop held by a handler into the log. */
  private static final class SlowHandler extends Exception {
    private static final long serialVersionUID = 1L;

    SlowHandler(String message) {
      super(message, null, false, true);
    }
  }

  /** Reports, once, that {@code handlerExecutor} refused work, which then ran on the loop. */
  void reportRejected(RejectedExecutionException e) {
    if (rejectionReported.compareAndSet(false, true)) {
      log.warn(owner + ": handlerExecutor refused a task; handlers run on the I/O loop instead", e);
    }
  }
}
