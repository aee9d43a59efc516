package io.jipc.internal.transport;

import java.nio.file.Path;
import java.util.List;

/**
 * What a transport guarantees about who is at the other end: the facts that {@code
 * io.jipc.internal.AssuredProfile} checks, once, when a server starts or a client connects.
 * Transports report these facts and refuse nothing themselves.
 */
public sealed interface PeerGuarantee {
  /** Returns a short name of the endpoint for messages. */
  String where();

  /**
   * A Unix socket: only users who can open the file reach it.
   *
   * @param where the socket path, as messages show it
   * @param root the socket root the file must lie directly in
   * @param secureRoot whether the root is kept owner-only and checked
   * @param directlyInRoot whether the socket file lies directly in {@code root}
   * @param serving true on the server side, which makes the file and answers for its placement; a
   *     client only opens a file someone else placed
   */
  record SocketFile(
      String where, Path root, boolean secureRoot, boolean directlyInRoot, boolean serving)
      implements PeerGuarantee {}

  /** Plain TCP: anyone who can reach the port, unauthenticated. */
  record PlainNetwork(String where) implements PeerGuarantee {}

  /**
   * TLS, on one side: {@code shortfalls} lists what keeps it from being mutual and verifying (an
   * empty list means it is).
   *
   * @param where the side and endpoint, e.g. "TLS server on tcp://127.0.0.1:8000"
   */
  record Tls(String where, List<String> shortfalls) implements PeerGuarantee {}

  /** UDP: any sender, with any claimed address. */
  record Datagrams(String where) implements PeerGuarantee {}
}
