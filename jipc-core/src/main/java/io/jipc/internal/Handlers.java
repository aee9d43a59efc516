package io.jipc.internal;

import io.jipc.IpcSocket;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

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

  private static final Registration[] NONE = {};

  // Copy-on-write arrays: dispatch reads a snapshot without locking or allocating.
  private final Map<String, Registration[]> byType = new ConcurrentHashMap<>();
  private volatile Registration[] wildcard = NONE;
  private final Log log;
  private volatile String owner;
  private final ErrorCounts errors = new ErrorCounts();

  /** Creates the handlers of one endpoint; {@code owner} names it in log lines. */
  Handlers(Log log, String owner) {
    this.log = log;
    this.owner = owner;
  }

  /** Renames the endpoint in later messages: its bound address is known now. */
  void rename(String owner) {
    this.owner = owner;
  }

  /** Registers {@code invoker} for {@code type}; {@code original} is what {@link #remove} takes. */
  synchronized void add(String type, Object original, Invoker invoker) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(original, "handler");
    Registration registration = new Registration(original, invoker);
    if (WILDCARD.equals(type)) {
      wildcard = appended(wildcard, registration);
    } else {
      byType.put(type, appended(byType.getOrDefault(type, NONE), registration));
    }
  }

  /** Removes the registration of {@code original} for {@code type}; nothing if absent. */
  synchronized void remove(String type, Object original) {
    if (WILDCARD.equals(type)) {
      wildcard = without(wildcard, original);
      return;
    }
    Registration[] left = without(byType.getOrDefault(type, NONE), original);
    if (left.length == 0) {
      byType.remove(type);
    } else {
      byType.put(type, left);
    }
  }

  private static Registration[] appended(Registration[] list, Registration added) {
    Registration[] longer = Arrays.copyOf(list, list.length + 1);
    longer[list.length] = added;
    return longer;
  }

  private static Registration[] without(Registration[] list, Object original) {
    return Arrays.stream(list).filter(r -> r.original != original).toArray(Registration[]::new);
  }

  /** Returns the errors this endpoint reported, all of them counted in {@link #error}. */
  ErrorCounts errors() {
    return errors;
  }

  /** Returns true when a handler for {@code type} or a wildcard handler exists. */
  boolean has(String type) {
    return wildcard.length > 0 || byType.containsKey(type);
  }

  /** Runs every handler for one event; failures go to the error handlers. */
  void dispatch(String type, Object data, IpcSocket socket) {
    Registration[] any = wildcard;
    for (Registration r : any) {
      call(r, type, data, socket);
    }
    Registration[] typed = byType.get(type);
    if (typed != null) {
      for (Registration r : typed) {
        call(r, type, data, socket);
      }
    }
  }

  /** Reports a failure as an {@code error} event, or logs it when nobody handles errors. */
  void error(Throwable failure, IpcSocket socket) {
    ErrorCounts.reported(errors, owner, failure, socket);
    if (has(ERROR)) {
      dispatch(ERROR, failure, socket);
    } else {
      log.warn(owner + ": error with no error handler", failure);
    }
  }

  private void call(Registration r, String type, Object data, IpcSocket socket) {
    try {
      r.invoker.invoke(type, data, socket);
    } catch (Throwable e) { // contain everything: a handler must never end a socket or a thread
      if (ERROR.equals(type)) {
        log.warn(owner + ": an error handler threw", e);
      } else {
        error(new HandlerException(owner, type, e), socket);
      }
    }
  }

  /**
   * Returns the id a peer claims with {@code data.id} under {@code identifyPeer} (node-ipc copies
   * any truthy {@code id} onto the socket), or null when {@code data} claims none. The claim is the
   * peer's word, never authenticated.
   */
  static String claimedId(Object data) {
    if (data instanceof Map<?, ?> map) {
      Object id = map.get("id");
      boolean truthy =
          id != null
              && !Boolean.FALSE.equals(id)
              && !"".equals(id)
              && !(id instanceof Number n
                  && (n.doubleValue() == 0 || Double.isNaN(n.doubleValue())));
      return truthy ? String.valueOf(id) : null;
    }
    return null;
  }
}
