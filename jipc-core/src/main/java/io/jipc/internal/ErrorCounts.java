package io.jipc.internal;

import io.jipc.IpcProtocolException;
import io.jipc.IpcRemoteException;
import io.jipc.IpcSocket;
import io.jipc.IpcStats;
import io.jipc.internal.jfr.Flight;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The errors an endpoint or one socket reported, in all and by {@code ERR_IPC_*} code, for {@link
 * IpcStats.Errors}. Errors are rare, so each count is an atomic one. At most {@value #MAX_CODES}
 * codes are kept: a peer's error replies may carry any code, and the codes beyond that count only
 * in the total. Thread-safe.
 */
final class ErrorCounts {
  private static final int MAX_CODES = 64;
  private static final String PREFIX = "ERR_IPC_";

  private final AtomicLong total = new AtomicLong();
  private final Map<String, AtomicLong> byCode = new ConcurrentHashMap<>();

  /**
   * Counts one error that {@code owner} reports now, for the endpoint ({@code endpoint}) and for
   * {@code socket}'s own stats when it has any, and records a protocol error with the flight
   * recorder; any thread.
   */
  static void reported(ErrorCounts endpoint, String owner, Throwable failure, IpcSocket socket) {
    String code = codeOf(failure);
    endpoint.add(code);
    if (socket instanceof Connection connection) {
      connection.errorCounts().add(code);
    } else if (socket instanceof UdpPeer peer) {
      peer.errorCounts().add(code);
    }
    if (failure instanceof IpcProtocolException protocol) {
      Flight.protocolError(owner, socket == null ? null : socket.toString(), protocol);
    }
  }

  private static String codeOf(Throwable failure) {
    String code = null;
    if (failure instanceof IpcProtocolException protocol) {
      code = protocol.code();
    } else if (failure instanceof IpcRemoteException remote) {
      code = remote.code();
    }
    return code != null && code.startsWith(PREFIX) ? code : null;
  }

  /** Counts one error with {@code code}, or without one (null). */
  void add(String code) {
    total.incrementAndGet();
    if (code == null) {
      return;
    }
    AtomicLong count = byCode.get(code);
    if (count == null && byCode.size() < MAX_CODES) {
      count = byCode.computeIfAbsent(code, c -> new AtomicLong());
    }
    if (count != null) {
      count.incrementAndGet();
    }
  }

  /** Returns the counts now. */
  IpcStats.Errors snapshot() {
    Map<String, Long> codes = new HashMap<>();
    byCode.forEach((code, count) -> codes.put(code, count.get()));
    // Read after the codes: each code's count grows after the total does, so the total is never
    // less than their sum.
    return new IpcStats.Errors(total.get(), codes);
  }

  /** Returns no errors at all. */
  static IpcStats.Errors none() {
    return new IpcStats.Errors(0, Map.of());
  }
}
