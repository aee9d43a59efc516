package io.jipc.internal.codec;

import io.jipc.IpcConfig;
import io.jipc.IpcProtocolException;
import io.jipc.Profile;
import java.util.Set;

/**
 * The event-name rules of a profile, applied to received and sent types alike: non-empty, at most
 * {@code maxEventNameLength} UTF-16 units, not an {@code Object.prototype} name, not a lifecycle
 * name (unless allowed), and, for assured, in {@code allowedEvents}. The fast and raw profiles
 * check nothing. Immutable and thread-safe.
 */
public final class EventRules {
  /** Lifecycle names that must not arrive from the wire in guarded and assured. */
  public static final Set<String> RESERVED =
      Set.of(
          "start",
          "connect",
          "disconnect",
          "destroy",
          "close",
          "socket.disconnected",
          "error",
          "data");

  /** Names JavaScript objects inherit, which node-ipc's dispatcher must not see. */
  public static final Set<String> PROTOTYPE_NAMES =
      Set.of(
          "constructor",
          "__defineGetter__",
          "__defineSetter__",
          "hasOwnProperty",
          "__lookupGetter__",
          "__lookupSetter__",
          "isPrototypeOf",
          "propertyIsEnumerable",
          "toString",
          "valueOf",
          "__proto__",
          "toLocaleString");

  private static final EventRules NONE = new EventRules(false, 0, true, Set.of());

  private final boolean checks;
  private final int maxLength;
  private final boolean allowReserved;
  private final Set<String> allowed;

  private EventRules(boolean checks, int maxLength, boolean allowReserved, Set<String> allowed) {
    this.checks = checks;
    this.maxLength = maxLength;
    this.allowReserved = allowReserved;
    this.allowed = allowed;
  }

  /** Returns the rules of {@code profile} with the given options. */
  public static EventRules of(
      Profile profile, int maxEventNameLength, boolean allowReserved, Set<String> allowed) {
    return switch (profile) {
      case RAW, FAST -> NONE;
      case GUARDED -> new EventRules(true, maxEventNameLength, allowReserved, Set.of());
      case ASSURED -> new EventRules(true, maxEventNameLength, false, Set.copyOf(allowed));
    };
  }

  /** Returns the rules of the profile and name options in {@code config}. */
  public static EventRules of(IpcConfig config) {
    return of(
        config.profile(),
        config.limits().maxEventNameLength(),
        config.allowReservedEvents(),
        config.allowedEvents());
  }

  /** Returns true when these rules check anything: the guarded and assured profiles. */
  public boolean checks() {
    return checks;
  }

  /**
   * Checks one event type.
   *
   * @param where names the peer or the sending endpoint in the message
   * @throws IpcProtocolException with node-ipc's code when the type breaks a rule
   */
  public void check(String type, String where) throws IpcProtocolException {
    if (!checks) {
      return;
    }
    if (type.isEmpty()) {
      throw fail(
          IpcProtocolException.INVALID_EVENT, "event type must be a non-empty string", where);
    }
    if (type.length() > maxLength) {
      throw fail(
          IpcProtocolException.EVENT_TOO_LARGE,
          "event type of "
              + type.length()
              + " UTF-16 units exceeds maxEventNameLength ("
              + maxLength
              + ")",
          where);
    }
    if (PROTOTYPE_NAMES.contains(type)) {
      throw fail(
          IpcProtocolException.INVALID_EVENT,
          "event type \"" + type + "\" is an Object.prototype name",
          where);
    }
    if (!allowReserved && RESERVED.contains(type)) {
      throw fail(
          IpcProtocolException.RESERVED_EVENT,
          "event type \"" + type + "\" is reserved for local lifecycle events",
          where);
    }
    if (!allowed.isEmpty() && !allowed.contains(type)) {
      throw fail(
          IpcProtocolException.EVENT_NOT_ALLOWED,
          "event type is not in allowedEvents (" + type.length() + " UTF-16 units)",
          where);
    }
  }

  private static IpcProtocolException fail(String code, String what, String where) {
    return new IpcProtocolException(code, what + " (" + where + ")");
  }
}
