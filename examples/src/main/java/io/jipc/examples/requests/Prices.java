package io.jipc.examples.requests;

import io.jipc.Endpoint;
import io.jipc.IpcClient;
import io.jipc.IpcConfig;
import io.jipc.IpcRemoteException;
import io.jipc.IpcServer;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Request/response with the Java-shaped API: a server answers {@code price} requests, a client asks
 * for two items and prints the answer and the error. Run it with {@code main}; the tests call
 * {@link #run(Path, PrintStream)}.
 */
public final class Prices {
  private Prices() {}

  /** Runs the example in a fresh temporary directory. */
  public static void main(String[] args) throws Exception {
    run(Files.createTempDirectory("jipc-prices"), System.out);
  }

  /** Serves and asks on a Unix socket in {@code dir}; returns the price the server answered. */
  public static Object run(Path dir, PrintStream out) throws Exception {
    Endpoint endpoint = Endpoint.unix(dir.resolve("prices.sock"));
    IpcConfig config = IpcConfig.builder().requestTimeout(Duration.ofSeconds(5)).build();
    Map<String, Integer> prices = Map.of("tea", 3, "cake", 5);

    try (IpcServer server = IpcServer.create(endpoint, config)) {
      server.onRequest(
          "price",
          (data, socket) -> {
            Object item = ((Map<?, ?>) data).get("item");
            if (!prices.containsKey(item)) {
              throw new IpcRemoteException("E_UNKNOWN_ITEM", "we sell no " + item);
            }
            return Map.of("item", item, "price", prices.get(item));
          });
      server.start();

      try (IpcClient client = IpcClient.create(endpoint, config)) {
        client.connect().get(5, TimeUnit.SECONDS);
        Map<?, ?> tea = (Map<?, ?>) client.request("price", Map.of("item", "tea")).get();
        out.println("tea costs " + tea.get("price"));
        try {
          client.request("price", Map.of("item", "coffee")).get();
        } catch (ExecutionException e) {
          IpcRemoteException error = (IpcRemoteException) e.getCause();
          out.println(error.code() + ": " + error.remoteMessage());
        }
        return tea.get("price");
      }
    }
  }
}
