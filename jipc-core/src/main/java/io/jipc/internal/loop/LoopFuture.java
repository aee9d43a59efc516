package io.jipc.internal.loop;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A {@link CompletableFuture} completed by an I/O loop, whose blocking methods refuse to wait on a
 * loop thread: the loop that would complete it would be the one waiting, so instead of a deadlock
 * the caller gets an {@link IllegalStateException} that says what to do. A future completed in
 * order after handlers (a client's connect) also refuses on the handler thread it would wait for.
 * Once complete, every method works on any thread; futures derived from it ({@code thenApply} and
 * the like) behave the same. Thread-safe.
 */
public final class LoopFuture<T> extends CompletableFuture<T> {
  private static final BooleanSupplier NOWHERE_ELSE = () -> false;

  private final Supplier<String> what;
  private final BooleanSupplier completedHere;

  /** Creates an incomplete future; {@code what} names it in the refusal ("connect() of …"). */
  public LoopFuture(String what) {
    this(what, NOWHERE_ELSE);
  }

  /**
   * Creates an incomplete future that is also completed by work that runs on the calling thread
   * when {@code completedHere} says so (a handler executor's turn): waiting there is refused too.
   */
  public LoopFuture(String what, BooleanSupplier completedHere) {
    this(() -> what, completedHere);
  }

  /**
   * Creates an incomplete future as {@link #LoopFuture(String, BooleanSupplier)} does, whose name
   * is made only if a refusal needs it (futures made per message should not build strings).
   */
  public LoopFuture(Supplier<String> what, BooleanSupplier completedHere) {
    this.what = what;
    this.completedHere = completedHere;
  }

  /** Returns a future already completed with {@code value}. */
  public static <T> LoopFuture<T> completed(String what, T value) {
    LoopFuture<T> future = new LoopFuture<>(what);
    future.complete(value);
    return future;
  }

  /** Returns a future already completed with {@code failure}. */
  public static <T> LoopFuture<T> failed(String what, Throwable failure) {
    LoopFuture<T> future = new LoopFuture<>(what);
    future.completeExceptionally(failure);
    return future;
  }

  @Override
  public T get() throws InterruptedException, ExecutionException {
    refuseOnLoop();
    return super.get();
  }

  @Override
  public T get(long timeout, TimeUnit unit)
      throws InterruptedException, ExecutionException, TimeoutException {
    refuseOnLoop();
    return super.get(timeout, unit);
  }

  @Override
  public T join() {
    refuseOnLoop();
    return super.join();
  }

  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    return new LoopFuture<>(what, completedHere);
  }

  private void refuseOnLoop() {
    if (isDone()) {
      return;
    }
    Loop loop = Loops.current();
    if (loop != null) {
      throw new IllegalStateException(
          what.get()
              + " is not complete, and waiting for it on jipc's I/O loop thread "
              + loop.name()
              + " would stop the loop that completes it: chain with thenAccept or whenComplete,"
              + " or wait on another thread (see handlerExecutor)");
    }
    if (completedHere.getAsBoolean()) {
      throw new IllegalStateException(
          what.get()
              + " is not complete, and it completes after the handler running on this thread"
              + " returns: chain with thenAccept or whenComplete instead of waiting");
    }
  }
}
