package io.jipc.examples.readme;

import io.jipc.Endpoint;
import io.jipc.IpcClient;
import io.jipc.IpcConfig;
import io.jipc.IpcServer;
import io.jipc.TlsOptions;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Mutual TLS on 127.0.0.1: the server requires a client certificate, the client verifies the
 * server's. Reads PEM files from the working directory: {@code server.key}, {@code server.crt},
 * {@code client.key}, {@code client.crt} and {@code ca.crt}, the CA that signed both certificates.
 * The first argument is the port (default 8000; 0 lets the system choose).
 */
public class MutualTls {
  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8000;
    IpcConfig server =
        IpcConfig.builder()
            .tls(
                TlsOptions.builder()
                    .privateKey(Path.of("server.key")) // node-ipc's tls.private
                    .publicCert(Path.of("server.crt")) // node-ipc's tls.public
                    .trustedConnections(Path.of("ca.crt")) // clients must present a certificate
                    .build())
            .build();
    IpcConfig client =
        IpcConfig.builder()
            .tls(
                TlsOptions.builder()
                    .trustedConnections(Path.of("ca.crt")) // verify the server (and its IP or name)
                    .privateKey(Path.of("client.key"))
                    .publicCert(Path.of("client.crt"))
                    .build())
            .build();

    try (IpcServer world = IpcServer.create(Endpoint.tcp("127.0.0.1", port), server)) {
      world.on(
          "hello",
          (data, socket) -> {
            X509Certificate peer = socket.peerCertificates().get(0); // verified by the server
            socket.emit("welcome", peer.getSubjectX500Principal().getName());
          });
      world.start();

      CompletableFuture<Object> welcome = new CompletableFuture<>();
      try (IpcClient hello = IpcClient.create(world.endpoint(), client)) {
        hello.on("welcome", welcome::complete);
        hello.connect().get(10, TimeUnit.SECONDS); // after the handshake
        X509Certificate peer = hello.peerCertificates().get(0); // verified by the client
        System.out.println("the client verified " + peer.getSubjectX500Principal().getName());
        hello.emit("hello");
        System.out.println("the server verified " + welcome.get(10, TimeUnit.SECONDS));
      }
    }
  }
}
