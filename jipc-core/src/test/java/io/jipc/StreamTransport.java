package io.jipc;

import io.jipc.testing.ScriptedPeer;
import io.jipc.testing.TempEndpoints;
import io.jipc.testing.TestPki;
import io.jipc.testing.TestSslContexts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * The stream transports every contract suite runs over. Adding a transport (TLS) is one more
 * constant that overrides what differs: its endpoints, the config it needs, and how a raw peer
 * reaches it.
 */
enum StreamTransport {
  UNIX {
    @Override
    Endpoint fresh(TempEndpoints endpoints) {
      return endpoints.unix();
    }

    @Override
    Endpoint dead(TempEndpoints endpoints) {
      return endpoints.unix();
    }
  },
  TCP {
    @Override
    Endpoint fresh(TempEndpoints endpoints) {
      return endpoints.tcp();
    }

    @Override
    Endpoint dead(TempEndpoints endpoints) throws IOException {
      try (ServerSocketChannel probe = ServerSocketChannel.open()) {
        probe.bind(new InetSocketAddress("127.0.0.1", 0));
        return Endpoint.tcp("127.0.0.1", ((InetSocketAddress) probe.getLocalAddress()).getPort());
      }
    }
  },
  /**
   * Mutual TLS: every endpoint has the same identity (valid for serving and connecting) and trusts
   * the test CA, so servers verify clients too and the assured profile is allowed.
   */
  TLS {
    @Override
    Endpoint fresh(TempEndpoints endpoints) {
      return endpoints.tcp();
    }

    @Override
    Endpoint dead(TempEndpoints endpoints) throws IOException {
      return TCP.dead(endpoints);
    }

    @Override
    IpcConfig.Builder configure(IpcConfig.Builder config) {
      TestPki pki = TestPki.shared();
      return config.tls(pki.server().tls().trustedConnections(pki.caFile()).build());
    }

    @Override
    ScriptedPeer connectPeer(Endpoint endpoint) throws IOException {
      return ScriptedPeer.connectTls((Endpoint.Tcp) endpoint, clientContext());
    }

    @Override
    ScriptedPeer.Listener listenPeer(Endpoint endpoint) throws IOException {
      return ScriptedPeer.listenTls((Endpoint.Tcp) endpoint, serverContext());
    }

    @Override
    Silent connectSilent(Endpoint endpoint) throws IOException {
      Endpoint.Tcp tcp = (Endpoint.Tcp) endpoint;
      SSLSocket socket = (SSLSocket) clientContext().getSocketFactory().createSocket();
      socket.setReceiveBufferSize(4096);
      socket.connect(new InetSocketAddress(tcp.host(), tcp.port()), 5000);
      socket.startHandshake();
      return new Silent(socket, () -> !socket.isClosed());
    }

    @Override
    SilentListener listenSilent(Endpoint endpoint) throws IOException {
      Endpoint.Tcp tcp = (Endpoint.Tcp) endpoint;
      SSLServerSocket server =
          (SSLServerSocket) serverContext().getServerSocketFactory().createServerSocket();
      server.setReceiveBufferSize(4096);
      server.bind(new InetSocketAddress(tcp.host(), tcp.port()));
      Accept accept =
          () -> {
            SSLSocket socket = (SSLSocket) server.accept();
            socket.startHandshake();
            return socket;
          };
      return new SilentListener(Endpoint.tcp(tcp.host(), server.getLocalPort()), accept, server);
    }

    private SSLContext clientContext() {
      return TestSslContexts.of(TestPki.shared().server(), TestPki.shared().caFile());
    }

    private SSLContext serverContext() {
      return TestSslContexts.of(TestPki.shared().server(), TestPki.shared().caFile());
    }
  };

  /** Returns a fresh endpoint for a server to bind. */
  abstract Endpoint fresh(TempEndpoints endpoints);

  /** Returns an endpoint nobody listens on, which a server may bind later. */
  abstract Endpoint dead(TempEndpoints endpoints) throws IOException;

  /** Adds what this transport needs (key material, for TLS) to a config. */
  IpcConfig.Builder configure(IpcConfig.Builder config) {
    return config;
  }

  /** Connects a scripted raw peer to a server. */
  ScriptedPeer connectPeer(Endpoint endpoint) throws IOException {
    return ScriptedPeer.connect(endpoint);
  }

  /** Listens with a scripted raw peer, to face a client. */
  ScriptedPeer.Listener listenPeer(Endpoint endpoint) throws IOException {
    return ScriptedPeer.listen(endpoint);
  }

  /** Connects a peer that the test never reads from, with a small receive buffer. */
  Silent connectSilent(Endpoint endpoint) throws IOException {
    SocketChannel channel;
    if (endpoint instanceof Endpoint.Unix unix) {
      channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      channel.connect(UnixDomainSocketAddress.of(unix.path()));
    } else {
      Endpoint.Tcp tcp = (Endpoint.Tcp) endpoint;
      channel = SocketChannel.open();
      channel.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
      channel.connect(new InetSocketAddress(tcp.host(), tcp.port()));
    }
    return new Silent(channel, channel::isOpen);
  }

  /** Listens with a plain server channel whose accepted sockets the test never reads. */
  SilentListener listenSilent(Endpoint endpoint) throws IOException {
    ServerSocketChannel server;
    Endpoint bound = endpoint;
    if (endpoint instanceof Endpoint.Unix unix) {
      server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      server.bind(UnixDomainSocketAddress.of(unix.path()));
    } else {
      Endpoint.Tcp tcp = (Endpoint.Tcp) endpoint;
      server = ServerSocketChannel.open();
      server.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
      server.bind(new InetSocketAddress(tcp.host(), tcp.port()));
      bound = Endpoint.tcp(tcp.host(), ((InetSocketAddress) server.getLocalAddress()).getPort());
    }
    return new SilentListener(bound, server::accept, server);
  }

  /** A connection the test never reads from. */
  record Silent(AutoCloseable connection, BooleanSupplier open) implements AutoCloseable {
    boolean isOpen() {
      return open.getAsBoolean();
    }

    @Override
    public void close() throws Exception {
      connection.close();
    }
  }

  /** Accepts one connection. */
  interface Accept {
    AutoCloseable accept() throws IOException;
  }

  /** A listener whose accepted connections the test never reads from. */
  record SilentListener(Endpoint endpoint, Accept acceptor, AutoCloseable listener)
      implements AutoCloseable {
    AutoCloseable accept() throws IOException {
      return acceptor.accept();
    }

    @Override
    public void close() throws Exception {
      listener.close();
    }
  }
}
