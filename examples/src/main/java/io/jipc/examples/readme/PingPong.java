package io.jipc.examples.readme;

import io.jipc.Endpoint;
import io.jipc.IpcClient;
import io.jipc.IpcConfig;
import io.jipc.IpcServer;
import io.jipc.Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The Java-shaped API: a server and a client in one process, a ping and its pong. */
public class PingPong {
  public static void main(String[] args) throws Exception {
    Path path = Files.createTempDirectory("jipc").resolve("ping.sock"); // a private directory
    IpcConfig config = IpcConfig.builder().profile(Profile.GUARDED).build();
    try (IpcServer server = IpcServer.create(Endpoint.unix(path), config)) {
      server.on("ping", (data, socket) -> socket.emit("pong", data));
      server.start(); // returns once bound, or throws IOException

      CompletableFuture<Object> pong = new CompletableFuture<>();
      try (IpcClient client = IpcClient.create(Endpoint.unix(path), config)) {
        client.on("pong", pong::complete); // handlers run on jipc's I/O thread
        client.connect().get(5, TimeUnit.SECONDS); // CompletableFuture
        client.emit("ping", Map.of("n", 1));
        System.out.println("pong " + pong.get(5, TimeUnit.SECONDS));
      } // close(): flushes, then disconnects
    } // close(): stops listening and removes the socket file
    Files.delete(path.getParent());
  }
}
