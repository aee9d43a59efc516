package io.jipc.internal;

import io.jipc.IpcProtocolException;
import io.jipc.Profile;
import io.jipc.internal.transport.PeerGuarantee;
import io.jipc.internal.transport.Transport;

/**
 * The assured profile's one check of the transport, made when a server starts and when a client
 * connects, from the facts its transport reports: node-ipc 14 refuses plain network transports and
 * UDP under the assured profile, and jipc also wants TLS to be mutual and verifying, and a Unix
 * server's socket to lie directly inside the secured socket root.
 */
final class AssuredProfile {
  private AssuredProfile() {}

  /**
   * Checks {@code transport}'s guarantee on the {@code server} or the client side when {@code
   * profile} is assured; asks the transport nothing otherwise.
   *
   * @throws IpcProtocolException as {@link #require(Profile, PeerGuarantee)}
   */
  static void require(Profile profile, Transport transport, boolean server)
      throws IpcProtocolException {
    if (profile == Profile.ASSURED) {
      require(profile, transport.guarantee(server));
    }
  }

  /**
   * Throws when {@code profile} is assured and {@code guarantee} falls short of it; returns
   * otherwise.
   *
   * @throws IpcProtocolException {@code ERR_IPC_ASSURED_TRANSPORT} for plain TCP, UDP or a Unix
   *     socket outside the secured root; {@code ERR_IPC_ASSURED_TLS} for TLS that is not mutual and
   *     verifying
   */
  static void require(Profile profile, PeerGuarantee guarantee) throws IpcProtocolException {
    if (profile != Profile.ASSURED) {
      return;
    }
    if (guarantee instanceof PeerGuarantee.SocketFile file) {
      // A client opens a file someone else placed; the server answers for where it lies.
      if (file.serving() && (!file.secureRoot() || !file.directlyInRoot())) {
        throw refused(
            "the assured profile needs secureSocketRoot and a socket directly inside socketRoot "
                + file.root()
                + ", not "
                + file.where());
      }
    } else if (guarantee instanceof PeerGuarantee.PlainNetwork plain) {
      throw refused(
          "the assured profile needs mutual TLS on network endpoints; "
              + plain.where()
              + " is plain TCP (set tls options)");
    } else if (guarantee instanceof PeerGuarantee.Datagrams udp) {
      throw refused(
          "the assured profile refuses UDP, which cannot authenticate peers: " + udp.where());
    } else if (guarantee instanceof PeerGuarantee.Tls tls && !tls.shortfalls().isEmpty()) {
      throw new IpcProtocolException(
          IpcProtocolException.ASSURED_TLS,
          tls.where()
              + " cannot use the assured profile, which needs mutual, verifying TLS: "
              + String.join("; ", tls.shortfalls()));
    }
  }

  private static IpcProtocolException refused(String message) {
    return new IpcProtocolException(IpcProtocolException.ASSURED_TRANSPORT, message);
  }
}
