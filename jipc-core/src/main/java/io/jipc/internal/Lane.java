package io.jipc.internal;

import io.jipc.IpcSocket;
import io.jipc.internal.loop.KeepAlive;
import io.jipc.internal.loop.Loop;
import io.jipc.internal.loop.Loops;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Where the handlers of one connection (or one client, or one UDP endpoint) run: one at a time, in
 * the order their events arrived, with lifecycle work in between in the same order.
 *
 * <p>The {@linkplain #inline inline} lane runs them on the loop thread at once, node-ipc's model
 * and the default; a handler that holds the loop {@value KeepAlive#SLOW_MILLIS} ms or more is
 * reported once per event type while it still runs, by the loops' watchdog ({@link KeepAlive}). The
 * {@linkplain #onExecutor executor} lane queues them for {@code handlerExecutor}, for handlers that
 * block; it runs one task of the lane at a time, so order per lane still holds, and it admits at
 * most {@code maxPendingBytes} of undelivered frames, after which the connection stops reading
 * until the handlers have caught up by half. Thread-safe.
 */
abstract class Lane {

  // Set while a thread runs a turn of an executor lane.
  private static final ThreadLocal<Boolean> ON_EXECUTOR = new ThreadLocal<>();

  final EndpointCore core;

  private Lane(EndpointCore core) {
    this.core = core;
  }

  /**
   * Returns true on a thread that runs jipc handlers now (a loop, or an executor lane's turn): such
   * a thread must not wait for events that it would run itself.
   */
  static boolean onHandlerThread() {
    return Loops.current() != null || ON_EXECUTOR.get() != null;
  }

  /** Returns the inline lane of a connection run by {@code loop}. */
  static Lane inline(EndpointCore core, Loop loop) {
    return new Inline(core, loop);
  }

  /** Returns a lane that runs its handlers on {@code executor}. */
  static Lane onExecutor(EndpointCore core, Executor executor, long maxQueuedBytes) {
    return new OnExecutor(core, executor, maxQueuedBytes);
  }

  /** Runs the handlers of one event; {@code bytes} is its size on the wire, 0 for local ones. */
  abstract void dispatch(String type, Object data, IpcSocket socket, int bytes);

  /**
   * Runs {@code handler}, a request handler for {@code type} with its reply, as an event's handlers
   * run: in order, watched on the loop, counted as {@code bytes} received.
   */
  abstract void serve(String type, Runnable handler, int bytes);

  /** Reports {@code failure} as an {@code error} event (or logs it when nobody handles errors). */
  abstract void error(Throwable failure, IpcSocket socket);

  /** Runs {@code task} after everything submitted before it. */
  abstract void run(Runnable task);

  /** Returns true when the calling thread is running this lane's work now. */
  abstract boolean runsHere();

  /** Returns true while more received bytes wait for their handlers than the lane admits. */
  boolean saturated() {
    return false;
  }

  /** Runs {@code resume} once the lane has caught up (at once if it has). */
  void whenDrained(Runnable resume) {
    resume.run();
  }

  /** Handlers on the loop thread, marked for the watchdog, so that one that blocks it is found. */
  private static final class Inline extends Lane {
    private final Loop loop;

    Inline(EndpointCore core, Loop loop) {
      super(core);
      this.loop = loop;
    }

    @Override
    void dispatch(String type, Object data, IpcSocket socket, int bytes) {
      if (!loop.inLoop()) {
        loop.execute(() -> dispatch(type, data, socket, bytes)); // all of a lane's work, in order
        return;
      }
      loop.handlerStarted(type, core);
      try {
        core.handlers.dispatch(type, data, socket);
      } finally {
        loop.handlerEnded();
        Thread.interrupted(); // a flag a handler left set is not the next one's, nor the loop's
      }
    }

    @Override
    void serve(String type, Runnable handler, int bytes) {
      if (!loop.inLoop()) {
        loop.execute(() -> serve(type, handler, bytes));
        return;
      }
      loop.handlerStarted(type, core);
      try {
        handler.run();
      } finally {
        loop.handlerEnded();
        Thread.interrupted();
      }
    }

    @Override
    void error(Throwable failure, IpcSocket socket) {
      if (!loop.inLoop()) {
        loop.execute(() -> error(failure, socket));
        return;
      }
      core.handlers.error(failure, socket);
    }

    @Override
    void run(Runnable task) {
      if (loop.inLoop()) {
        task.run();
      } else {
        loop.execute(task);
      }
    }

    @Override
    boolean runsHere() {
      return loop.inLoop();
    }
  }

  /** Handlers on {@code handlerExecutor}, one task of this lane at a time. */
  private static final class OnExecutor extends Lane implements Runnable {
    /** Tasks run per turn on the executor before the lane queues itself again (fairness). */
    private static final int TURN = 64;

    private record Item(String type, Object data, IpcSocket socket, int bytes, Object special) {}

    private final Executor executor;
    private final long maxQueuedBytes;
    private final ArrayDeque<Item> items = new ArrayDeque<>(); // Guarded by this.
    private boolean running; // Guarded by this.
    private volatile Thread runner; // The thread running a turn now, if any.
    private long queuedBytes; // Guarded by this.
    private Runnable onDrained; // Guarded by this.

    OnExecutor(EndpointCore core, Executor executor, long maxQueuedBytes) {
      super(core);
      this.executor = executor;
      this.maxQueuedBytes = maxQueuedBytes;
    }

    @Override
    void dispatch(String type, Object data, IpcSocket socket, int bytes) {
      submit(new Item(type, data, socket, bytes, null));
    }

    @Override
    void serve(String type, Runnable handler, int bytes) {
      submit(new Item(type, null, null, bytes, handler));
    }

    @Override
    void error(Throwable failure, IpcSocket socket) {
      submit(new Item(null, null, socket, 0, failure));
    }

    @Override
    void run(Runnable task) {
      submit(new Item(null, null, null, 0, task));
    }

    private void submit(Item item) {
      boolean start;
      synchronized (this) {
        items.add(item);
        queuedBytes += item.bytes;
        start = !running;
        running = true;
      }
      if (start) {
        hand();
      }
    }

    private void hand() {
      try {
        executor.execute(this);
        return;
      } catch (RejectedExecutionException e) {
        core.reportRejected(e);
      }
      // A shut-down executor must not lose lifecycle events: run them here, turn after turn.
      while (turnHere()) {
        // the next turn
      }
    }

    @Override
    public void run() {
      if (turnHere()) {
        hand(); // more to do: let the executor's other tasks have a turn first
      }
    }

    /** Runs one turn on the calling thread; returns true if items remain after it. */
    private boolean turnHere() {
      ON_EXECUTOR.set(Boolean.TRUE);
      runner = Thread.currentThread();
      try {
        return turn();
      } finally {
        runner = null;
        ON_EXECUTOR.remove();
      }
    }

    @Override
    boolean runsHere() {
      return runner == Thread.currentThread();
    }

    private boolean turn() {
      for (int i = 0; i < TURN; i++) {
        Item item;
        synchronized (this) {
          item = items.poll();
          if (item == null) {
            running = false;
            return false;
          }
        }
        process(item);
        Runnable resume = null;
        synchronized (this) {
          queuedBytes -= item.bytes;
          if (onDrained != null && queuedBytes <= maxQueuedBytes / 2) {
            resume = onDrained;
            onDrained = null;
          }
        }
        if (resume != null) {
          resume.run();
        }
      }
      return true;
    }

    private void process(Item item) {
      try {
        if (item.special instanceof Runnable task) {
          task.run();
        } else if (item.special instanceof Throwable failure) {
          core.handlers.error(failure, item.socket);
        } else {
          core.handlers.dispatch(item.type, item.data, item.socket);
        }
      } catch (RuntimeException | Error defect) {
        // Handlers are contained by Handlers; this is jipc's own, and the lane must go on.
        core.log.warn(core.owner + ": a lifecycle task failed on handlerExecutor", defect);
      }
    }

    @Override
    synchronized boolean saturated() {
      return queuedBytes > maxQueuedBytes;
    }

    @Override
    void whenDrained(Runnable resume) {
      synchronized (this) {
        if (queuedBytes > maxQueuedBytes / 2) {
          onDrained = resume;
          return;
        }
      }
      resume.run();
    }
  }
}
