package io.jipc.internal.transport;

import io.jipc.Endpoint;
import io.jipc.IpcConfig;
import java.io.IOException;
import java.net.BindException;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Unix domain sockets through the JDK's {@code UnixDomainSocketAddress} (JDK 16+). Binding prepares
 * the socket root, reclaims a stale socket file only after a probe shows nobody listens, and
 * applies {@code readableAll}/{@code writableAll}; closing removes the file if it is still the one
 * this server bound. Each accepted socket can tell its peer's credentials ({@code SO_PEERCRED}). A
 * client's connect is non-blocking: against a full listen backlog it fails at once with a plain
 * {@link SocketException} ({@code EAGAIN}), which the client retries within {@code connectTimeout}.
 */
final class UnixTransport implements Transport {
  /** sun_path holds 108 bytes on Linux, including the terminating NUL. */
  private static final int MAX_PATH_BYTES = 107;

  private final Path path;
  private final IpcConfig.SocketFile file;

  UnixTransport(Endpoint.Unix endpoint, IpcConfig.SocketFile file) {
    this.path = endpoint.path().toAbsolutePath();
    this.file = file;
  }

  @Override
  public Acceptor bind() throws IOException {
    checkLength();
    SocketFiles.prepareRoot(path, file.resolvedRoot(), file.secureRoot());
    if (file.unlink()) {
      SocketFiles.removeStale(path);
    }
    ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      channel.bind(UnixDomainSocketAddress.of(path), LISTEN_BACKLOG);
      channel.configureBlocking(false);
    } catch (IOException e) {
      channel.close();
      throw bindFailure(e);
    }
    UnixAcceptor acceptor = new UnixAcceptor(channel, path, SocketFiles.fileKey(path));
    try {
      SocketFiles.grantAll(path, file.readableAll(), file.writableAll());
    } catch (IOException e) {
      acceptor.close(); // removes the file it just bound
      throw new IOException("cannot set the mode of " + path + ": " + e.getMessage(), e);
    }
    return acceptor;
  }

  private IOException bindFailure(IOException e) {
    String why = e instanceof BindException ? "address in use" : String.valueOf(e.getMessage());
    IOException failure =
        e instanceof BindException
            ? new BindException("cannot listen on " + path + ": " + why)
            : new IOException("cannot listen on " + path + ": " + why);
    failure.initCause(e);
    return failure;
  }

  private void checkLength() throws SocketException {
    int bytes = path.toString().getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_PATH_BYTES) {
      throw new SocketException(
          "Unix socket path "
              + path
              + " is "
              + bytes
              + " bytes; the system limit is "
              + MAX_PATH_BYTES);
    }
  }

  @Override
  public PeerGuarantee guarantee(boolean server) {
    Path root = file.resolvedRoot();
    return new PeerGuarantee.SocketFile(
        path.toString(), root, file.secureRoot(), SocketFiles.directChildOf(path, root), server);
  }

  @Override
  public List<SocketAddress> targets() throws IOException {
    checkLength();
    return List.of(UnixDomainSocketAddress.of(path));
  }

  @Override
  public SocketChannel open(SocketAddress target) throws IOException {
    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      channel.configureBlocking(false);
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    return channel;
  }

  @Override
  public Conduit conduit(SocketChannel connected) throws IOException {
    return new ChannelConduit(connected);
  }

  /** A listening Unix socket; closing removes its file if nobody replaced it. */
  private static final class UnixAcceptor implements Acceptor {
    private final ServerSocketChannel channel;
    private final Path path;
    private final Object fileKey;

    UnixAcceptor(ServerSocketChannel channel, Path path, Object fileKey) {
      this.channel = channel;
      this.path = path;
      this.fileKey = fileKey;
    }

    @Override
    public ServerSocketChannel channel() {
      return channel;
    }

    @Override
    public Conduit accept() throws IOException {
      SocketChannel accepted = channel.accept();
      return accepted == null ? null : new ChannelConduit(accepted, true);
    }

    @Override
    public Endpoint endpoint() {
      return Endpoint.unix(path);
    }

    @Override
    public void close() {
      if (!channel.isOpen()) {
        return;
      }
      try {
        channel.close();
      } catch (IOException e) {
        // The descriptor is gone either way.
      }
      if (fileKey != null && Objects.equals(fileKey, SocketFiles.fileKey(path))) {
        try {
          Files.deleteIfExists(path);
        } catch (IOException e) {
          // Another process may have removed or replaced it; leaving it is harmless.
        }
      }
    }
  }
}
