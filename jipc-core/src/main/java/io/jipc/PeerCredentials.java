package io.jipc;

import static io.jipc.OptionChecks.notNull;

/**
 * The user and group of the process at the other end of a Unix socket, as the kernel recorded them
 * when that process connected ({@code SO_PEERCRED}): its effective user and primary group, not its
 * supplementary groups. Unlike the id a peer claims under {@code identifyPeer}, these cannot be
 * forged by the peer. See {@link IpcSocket#peerCredentials()}.
 *
 * @param user the user's name as the operating system reports it, or the numeric uid when the user
 *     has no name
 * @param group the group's name as the operating system reports it, or the numeric gid when the
 *     group has no name
 */
public record PeerCredentials(String user, String group) {
  /**
   * Creates credentials.
   *
   * @throws NullPointerException if {@code user} or {@code group} is null
   */
  public PeerCredentials {
    notNull(user, "user");
    notNull(group, "group");
  }
}
