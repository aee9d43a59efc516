package io.jipc.internal;

import io.jipc.Endpoint;
import io.jipc.IpcConfig;
import io.jipc.PeerCredentials;
import io.jipc.internal.transport.Conduit;
import java.io.IOException;
import java.util.Set;

/**
 * A server's {@code allowedPeerUsers}/{@code allowedPeerGroups}: who may connect to a Unix socket,
 * by the credentials the kernel reports. Refusals are reported at most once per second, with a
 * count, so a refused local user cannot flood the handlers or the accept thread. Used by the accept
 * thread only.
 */
public final class PeerPolicy {
  private static final long REPORT_INTERVAL_NANOS = 1_000_000_000L;

  private final Set<String> users;
  private final Set<String> groups;
  private final String endpoint;
  private long refusedSinceReport;
  private String lastRefused;
  private long lastReport;
  private boolean reported;

  PeerPolicy(IpcConfig config, Endpoint endpoint) {
    this.users = config.allowedPeerUsers();
    this.groups = config.allowedPeerGroups();
    this.endpoint = endpoint.toString();
  }

  /**
   * Refuses the policy on endpoints that cannot enforce it: a policy silently ignored would admit
   * everyone.
   *
   * @throws IllegalStateException if {@code config} has a policy and {@code endpoint} is not Unix
   */
  public static void requireUnix(Endpoint endpoint, IpcConfig config) {
    if (!(endpoint instanceof Endpoint.Unix)
        && (!config.allowedPeerUsers().isEmpty() || !config.allowedPeerGroups().isEmpty())) {
      throw new IllegalStateException(
          "allowedPeerUsers and allowedPeerGroups apply to Unix sockets only; server on "
              + endpoint
              + " cannot verify its peers' credentials");
    }
  }

  /** Returns true if {@code conduit}'s peer may connect. */
  boolean admits(Conduit conduit) {
    if (users.isEmpty() && groups.isEmpty()) {
      return true;
    }
    PeerCredentials peer = conduit.peerCredentials().orElse(null);
    if (peer != null && (users.contains(peer.user()) || groups.contains(peer.group()))) {
      return true;
    }
    refusedSinceReport++;
    lastRefused =
        peer == null
            ? "a peer whose credentials the system does not report"
            : "a peer of user " + peer.user() + " and group " + peer.group();
    return false;
  }

  /**
   * Returns the report of refusals since the last one, or null when one was made less than a second
   * ago (the count carries over).
   */
  IOException report() {
    long now = System.nanoTime();
    if (refusedSinceReport == 0 || (reported && now - lastReport < REPORT_INTERVAL_NANOS)) {
      return null;
    }
    String count = refusedSinceReport == 1 ? "" : " (" + refusedSinceReport + " refused since)";
    refusedSinceReport = 0;
    lastReport = now;
    reported = true;
    return new IOException(
        "server on "
            + endpoint
            + " refused "
            + lastRefused
            + ": not in allowedPeerUsers "
            + users
            + " nor allowedPeerGroups "
            + groups
            + count);
  }
}
