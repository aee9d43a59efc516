package io.jipc.examples.readme;

import io.jipc.Endpoint;
import io.jipc.IpcClient;
import io.jipc.IpcConfig;
import io.jipc.IpcRemoteException;
import io.jipc.IpcServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** The Java-shaped API: a server answers requests for prices, a client asks for two. */
public class Prices {
  public static void main(String[] args) throws Exception {
    Path path = Files.createTempDirectory("jipc").resolve("prices.sock"); // a private directory
    IpcConfig config = IpcConfig.builder().requestTimeout(Duration.ofSeconds(5)).build();
    Map<String, Integer> prices = Map.of("tea", 3, "cake", 5);

    try (IpcServer server = IpcServer.create(Endpoint.unix(path), config)) {
      server.onRequest(
          "price",
          (data, socket) -> {
            Object item = ((Map<?, ?>) data).get("item");
            if (!prices.containsKey(item)) {
              throw new IpcRemoteException("E_UNKNOWN_ITEM", "we sell no " + item);
            }
            return Map.of("item", item, "price", prices.get(item));
          });
      server.start(); // returns once bound, or throws IOException

      try (IpcClient client = IpcClient.create(Endpoint.unix(path), config)) {
        client.connect().get(5, TimeUnit.SECONDS); // a CompletableFuture
        Map<?, ?> tea = (Map<?, ?>) client.request("price", Map.of("item", "tea")).get();
        System.out.println("tea costs " + tea.get("price"));
        try {
          client.request("price", Map.of("item", "coffee")).get();
        } catch (ExecutionException e) {
          IpcRemoteException error = (IpcRemoteException) e.getCause();
          System.out.println(error.code() + ": " + error.remoteMessage());
        }
      } // close(): flushes, then disconnects
    } // close(): stops listening and removes the socket file
    Files.delete(path.getParent());
  }
}
