package io.jipc.internal;

import io.jipc.IpcSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The handlers of one endpoint, by event type, plus the wildcard {@code "*"} handlers, which run
 * first for every event (as node-ipc's event-pubsub does). Registration is thread-safe and may
 * happen from inside a handler; a dispatch sees the handlers registered when it started.
 *
 * <p>A handler that throws never disturbs the caller: the failure is passed to the {@code error}
 * handlers, and if there are none or they throw too, it is logged.
 */
final class Handlers {
  static final String WILDCARD = "*";
  static final String ERROR = "error";

  /** Calls one registered handler with the event's type, data and socket. */
  @FunctionalInterface
  interface Invoker {
    void invoke(String type, Object data, IpcSocket socket) throws Exception;
  }

  private record Registration(Object original, Invoker invoker) {}

  private final Map<String, List<Registration>> byType = new ConcurrentHashMap<>();
  private final List<Registration> wildcard = new CopyOnWriteArrayList<>();
  private final Log log;
  private final String owner;

  Handlers(Log log, String owner) {
    this.log = log;
    this.owner = owner;
  }

  void add(String type, Object original, Invoker invoker) {
    java.util.Objects.requireNonNull(type, "type");
    java.util.Objects.requireNonNull(original, "handler");
    Registration registration = new Registration(original, invoker);
    if (WILDCARD.equals(type)) {
      wildcard.add(registration);
    } else {
      byType.computeIfAbsent(type, t -> new CopyOnWriteArrayList<>()).add(registration);
    }
  }

  void remove(String type, Object original) {
    List<Registration> list = WILDCARD.equals(type) ? wildcard : byType.get(type);
    if (list != null) {
      list.removeIf(r -> r.original == original);
    }
  }

  /** Returns true when a handler for {@code type} or a wildcard handler exists. */
  boolean has(String type) {
    List<Registration> typed = byType.get(type);
    return !wildcard.isEmpty() || (typed != null && !typed.isEmpty());
  }

  /** Runs every handler for one event; failures go to the error handlers. */
  void dispatch(String type, Object data, IpcSocket socket) {
    for (Registration r : wildcard) {
      call(r, type, data, socket);
    }
    List<Registration> typed = byType.get(type);
    if (typed != null) {
      for (Registration r : typed) {
        call(r, type, data, socket);
      }
    }
  }

  /** Reports a failure as an {@code error} event, or logs it when nobody handles errors. */
  void error(Throwable failure, IpcSocket socket) {
    if (!has(ERROR)) {
      log.warn(owner + ": error with no error handler", failure);
      return;
    }
    for (Registration r : wildcard) {
      callErrorHandler(r, failure, socket);
    }
    List<Registration> typed = byType.get(ERROR);
    if (typed != null) {
      for (Registration r : typed) {
        callErrorHandler(r, failure, socket);
      }
    }
  }

  private void call(Registration r, String type, Object data, IpcSocket socket) {
    try {
      r.invoker.invoke(type, data, socket);
    } catch (Exception | LinkageError | AssertionError e) {
      if (ERROR.equals(type)) {
        log.warn(owner + ": an error handler threw", e);
      } else {
        error(new HandlerException(owner, type, e), socket);
      }
    }
  }

  private void callErrorHandler(Registration r, Throwable failure, IpcSocket socket) {
    try {
      r.invoker.invoke(ERROR, failure, socket);
    } catch (Exception | LinkageError | AssertionError e) {
      log.warn(owner + ": an error handler threw", e);
    }
  }
}
