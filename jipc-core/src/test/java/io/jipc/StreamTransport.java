package io.jipc;

import io.jipc.testing.ScriptedPeer;
import io.jipc.testing.TempEndpoints;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

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

  /** Connects a channel that the test never reads from, with a small receive buffer. */
  SocketChannel connectSilent(Endpoint endpoint) throws IOException {
    if (endpoint instanceof Endpoint.Unix unix) {
      SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      channel.connect(UnixDomainSocketAddress.of(unix.path()));
      return channel;
    }
    Endpoint.Tcp tcp = (Endpoint.Tcp) endpoint;
    SocketChannel channel = SocketChannel.open();
    channel.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
    channel.connect(new InetSocketAddress(tcp.host(), tcp.port()));
    return channel;
  }

  /** Listens with a plain server channel whose accepted sockets the test never reads. */
  ServerSocketChannel listenSilent(Endpoint endpoint) throws IOException {
    if (endpoint instanceof Endpoint.Unix unix) {
      ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      server.bind(UnixDomainSocketAddress.of(unix.path()));
      return server;
    }
    Endpoint.Tcp tcp = (Endpoint.Tcp) endpoint;
    ServerSocketChannel server = ServerSocketChannel.open();
    server.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
    server.bind(new InetSocketAddress(tcp.host(), tcp.port()));
    return server;
  }

  /** Returns the endpoint a silent listener is bound to. */
  static Endpoint boundEndpoint(ServerSocketChannel server, Endpoint requested) throws IOException {
    if (requested instanceof Endpoint.Tcp tcp) {
      return Endpoint.tcp(tcp.host(), ((InetSocketAddress) server.getLocalAddress()).getPort());
    }
    return requested;
  }
}
