package io.jipc.internal.loop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One I/O loop: a platform thread with one {@link Selector}, which runs everything registered on it
 * (accepts, connects, reads, framing, decoding, inline handlers, writes) and its own timers.
 *
 * <p>Each pass of the loop is one batch: wait for readiness or the next timer, serve every ready
 * key, run the tasks other threads queued, fire due timers, then run the batch-end work queued
 * meanwhile (the flushes of connections that handlers wrote to), so that the frames a batch emits
 * leave in one write per connection. Work from other threads enters through {@link #execute}, and
 * wakes the selector at most once per batch.
 *
 * <p>Everything but {@link #execute}, {@link #schedule} and {@link #inLoop} must be called on the
 * loop's own thread. The thread is a daemon started on first use; what keeps the JVM alive while
 * endpoints are open is {@link KeepAlive}. A failure that escapes the code run by the loop is a
 * defect of jipc's: it is logged and the loop goes on. Thread-safe as described.
 */
public final class Loop {
  private static final System.Logger LOG = System.getLogger("io.jipc");

  /** Tasks run per pass before the selector is asked again. */
  private static final int TASKS_PER_PASS = 4096;

  private final String name;
  private final Selector selector;
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger(); // tasks.size(), which is O(n)
  // False only while the thread waits in select with nothing queued: then a producer wakes it.
  private final AtomicBoolean awake = new AtomicBoolean(true);
  private final PriorityQueue<LoopTimer> timers = new PriorityQueue<>(); // Loop thread only.
  private final ArrayDeque<Runnable> batchEnd = new ArrayDeque<>(); // Loop thread only.
  private final Buffers buffers = new Buffers();
  private final LoopThread thread;
  private long timerOrder; // Loop thread only.
  // The handler running now, for the watchdog: the loop writes with opaque stores, the watchdog
  // reads with opaque loads; every start and end of a handler moves the count.
  private long handlerCount;
  private String handlerType;
  private SlowHandlerReport handlerOwner;
  // The watchdog's own view of this loop; its thread only.
  private long seenCount = -1;
  private long seenSince;
  private boolean seenReported;

  private static final VarHandle HANDLER_COUNT;
  private static final VarHandle HANDLER_TYPE;
  private static final VarHandle HANDLER_OWNER;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      HANDLER_COUNT = lookup.findVarHandle(Loop.class, "handlerCount", long.class);
      HANDLER_TYPE = lookup.findVarHandle(Loop.class, "handlerType", String.class);
      HANDLER_OWNER = lookup.findVarHandle(Loop.class, "handlerOwner", SlowHandlerReport.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  Loop(String name) {
    this.name = name;
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the selector of I/O loop " + name, e);
    }
    this.thread = new LoopThread(this, name);
    thread.start();
  }

  /** The thread of a loop; lets any code ask whether it runs on one. */
  static final class LoopThread extends Thread {
    final Loop loop;

    LoopThread(Loop loop, String name) {
      super(loop::run, name);
      this.loop = loop;
      setDaemon(true);
      // Not the context loader of whoever made the loop first (a web application's, say): a
      // shared loop would pin that loader for the life of the JVM.
      setContextClassLoader(Loop.class.getClassLoader());
    }
  }

  /** Returns the thread's name, which names this loop in messages. */
  public String name() {
    return name;
  }

  /** Returns true when called on this loop's thread. */
  public boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  /** Returns the scratch buffers this loop lends to the code it runs; loop thread only. */
  public Buffers buffers() {
    return buffers;
  }

  /**
   * Registers {@code channel} (non-blocking) for {@code ops} with {@code readiness} as the key's
   * attachment; loop thread only.
   *
   * @throws ClosedChannelException if the channel was closed meanwhile
   */
  public SelectionKey register(SelectableChannel channel, int ops, Readiness readiness)
      throws ClosedChannelException {
    return channel.register(selector, ops, readiness);
  }

  /**
   * Runs {@code task} on this loop: in the current batch's task phase when queued from another
   * thread (waking the loop if it waits), or, called on the loop itself, in the next pass. Any
   * thread.
   */
  public void execute(Runnable task) {
    tasks.add(task);
    queued.incrementAndGet();
    if (!inLoop()) {
      wake();
    }
  }

  /** Runs {@code task} at the end of the current batch, after every ready key; loop thread only. */
  public void atBatchEnd(Runnable task) {
    batchEnd.add(task);
  }

  private void wake() {
    if (!awake.get() && awake.compareAndSet(false, true)) {
      selector.wakeup();
    }
  }

  /**
   * Runs {@code task} on this loop after {@code nanos} nanoseconds, unless cancelled first. Any
   * thread; from another thread the timer is armed on the loop.
   */
  public LoopTimer schedule(long nanos, Runnable task) {
    LoopTimer timer = new LoopTimer(task);
    if (inLoop()) {
      arm(timer, nanos);
    } else {
      long queuedAt = System.nanoTime();
      execute(() -> arm(timer, nanos - (System.nanoTime() - queuedAt)));
    }
    return timer;
  }

  private void arm(LoopTimer timer, long nanos) {
    if (!timer.cancelled()) {
      timer.arm(System.nanoTime() + Math.max(0, nanos), ++timerOrder);
      timers.add(timer);
    }
  }

  /** Where a handler that holds a loop too long is reported. */
  public interface SlowHandlerReport {
    /**
     * Reports that a handler for {@code type} has held {@code loop} for {@code nanos} so far;
     * called once per holding, on the watchdog's thread, while the handler still runs.
     */
    void slow(String type, long nanos, Loop loop, StackTraceElement[] stack);
  }

  /**
   * Marks the start of a handler for {@code type} on this loop, so that the watchdog can find one
   * that holds the loop; loop thread only. Three opaque stores: no clock is read here.
   */
  public void handlerStarted(String type, SlowHandlerReport owner) {
    HANDLER_OWNER.setOpaque(this, owner);
    HANDLER_TYPE.setOpaque(this, type);
    HANDLER_COUNT.setOpaque(this, ++handlerCount);
  }

  /** Marks the end of the handler started last; loop thread only. */
  public void handlerEnded() {
    HANDLER_TYPE.setOpaque(this, (String) null);
    HANDLER_COUNT.setOpaque(this, ++handlerCount);
  }

  /**
   * The watchdog's look at this loop, at {@code now}: a handler seen running at two looks at least
   * {@code thresholdNanos} apart, and not ended in between, is reported once, with the loop's
   * stack. Watchdog thread only.
   */
  void watch(long now, long thresholdNanos) {
    long count = (long) HANDLER_COUNT.getOpaque(this);
    String type = (String) HANDLER_TYPE.getOpaque(this);
    if (type == null || count != seenCount) {
      seenCount = count;
      seenSince = now;
      seenReported = false;
      return;
    }
    if (!seenReported && now - seenSince >= thresholdNanos) {
      seenReported = true;
      SlowHandlerReport owner = (SlowHandlerReport) HANDLER_OWNER.getOpaque(this);
      if (owner != null) {
        owner.slow(type, now - seenSince, this, thread.getStackTrace());
      }
    }
  }

  private void run() {
    while (true) {
      try {
        // A handler may have left the interrupt flag set; a set flag makes every select return at
        // once (a spin) and every later handler's blocking call fail. It is not the loop's.
        Thread.interrupted();
        select();
        runTasks();
        runTimers();
        runBatchEnd();
      } catch (Throwable defect) {
        LOG.log(
            Level.WARNING, "I/O loop " + name + " caught a defect of jipc's; it goes on", defect);
      }
    }
  }

  private void select() throws IOException {
    if (!tasks.isEmpty() || !batchEnd.isEmpty()) {
      selector.selectNow();
    } else {
      long timeout = timeoutMillis();
      awake.set(false);
      try {
        if (tasks.isEmpty() && timeout != 0) {
          selector.select(Math.max(timeout, 0));
        } else {
          selector.selectNow();
        }
      } finally {
        awake.set(true);
      }
    }
    serveReadyKeys();
  }

  /**
   * Serves the keys the last select found ready. Iterating the selected-key set here, rather than
   * handing the selector a callback, keeps the JDK's select methods small for the JIT: a callback
   * would be inlined, with everything a ready socket does, into each of them.
   */
  private void serveReadyKeys() {
    Set<SelectionKey> selected = selector.selectedKeys();
    if (selected.isEmpty()) {
      return;
    }
    for (Iterator<SelectionKey> keys = selected.iterator(); keys.hasNext(); ) {
      SelectionKey key = keys.next();
      keys.remove();
      ready(key);
    }
  }

  /** Returns how long select may wait for the next timer: -1 for ever, 0 for not at all. */
  private long timeoutMillis() {
    LoopTimer next;
    while ((next = timers.peek()) != null && next.cancelled()) {
      timers.poll();
    }
    if (next == null) {
      return -1;
    }
    long nanos = next.deadline() - System.nanoTime();
    return nanos <= 0 ? 0 : Math.max(1, (nanos + 999_999) / 1_000_000);
  }

  private void ready(SelectionKey key) {
    try {
      ((Readiness) key.attachment()).ready(key);
    } catch (Throwable defect) {
      LOG.log(Level.WARNING, "I/O loop " + name + ": readiness handler failed", defect);
    }
  }

  private void runTasks() {
    // Only what was queued when the pass began, and a bounded share of that: a task queued now
    // runs after the next select (closing code relies on it), and tasks that queue tasks cannot
    // starve the selector.
    for (int left = Math.min(queued.get(), TASKS_PER_PASS); left > 0; left--) {
      Runnable task = tasks.poll();
      if (task == null) {
        return;
      }
      queued.decrementAndGet();
      runContained(task);
    }
  }

  private void runTimers() {
    if (timers.isEmpty()) {
      return;
    }
    long now = System.nanoTime();
    LoopTimer next;
    while ((next = timers.peek()) != null && (next.cancelled() || next.deadline() - now <= 0)) {
      timers.poll();
      Runnable task = next.take();
      if (task != null) {
        runContained(task);
      }
    }
  }

  private void runBatchEnd() {
    Runnable task;
    while ((task = batchEnd.poll()) != null) {
      runContained(task);
    }
  }

  private void runContained(Runnable task) {
    try {
      task.run();
    } catch (Throwable defect) {
      LOG.log(Level.WARNING, "I/O loop " + name + ": a task failed", defect);
    }
  }

  @Override
  public String toString() {
    return "Loop[" + name + "]";
  }
}
