package io.jipc.internal;

import io.jipc.Endpoint;
import io.jipc.IpcConfig;
import io.jipc.PeerCredentials;
import io.jipc.internal.transport.Conduit;
import java.util.Set;

/**
 * A server's {@code allowedPeerUsers}/{@code allowedPeerGroups}: who may connect to a Unix socket,
 * by the credentials the kernel reports. Immutable and thread-safe.
 */
final class PeerPolicy {
  private final Set<String> users;
  private final Set<String> groups;

  PeerPolicy(IpcConfig config) {
    this.users = config.admission().users();
    this.groups = config.admission().groups();
  }

  /**
   * Refuses the policy on endpoints that cannot enforce it: a policy silently ignored would admit
   * everyone.
   *
   * @throws IllegalStateException if {@code config} has a policy and {@code endpoint} is not Unix
   */
  static void requireUnix(Endpoint endpoint, IpcConfig config) {
    if (!(endpoint instanceof Endpoint.Unix)
        && (!config.admission().users().isEmpty() || !config.admission().groups().isEmpty())) {
      throw new IllegalStateException(
          "allowedPeerUsers and allowedPeerGroups apply to Unix sockets only; server on "
              + endpoint
              + " cannot verify its peers' credentials");
    }
  }

  /** Returns null if {@code conduit}'s peer may connect, else what was refused and why. */
  String refusal(Conduit conduit) {
    if (users.isEmpty() && groups.isEmpty()) {
      return null;
    }
    PeerCredentials peer = conduit.peerCredentials().orElse(null);
    if (peer != null && (users.contains(peer.user()) || groups.contains(peer.group()))) {
      return null;
    }
    String who =
        peer == null
            ? "a peer whose credentials the system does not report"
            : "a peer of user " + peer.user() + " and group " + peer.group();
    return who + ": not in allowedPeerUsers " + users + " nor allowedPeerGroups " + groups;
  }
}
