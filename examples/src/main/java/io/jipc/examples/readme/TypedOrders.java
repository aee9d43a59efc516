package io.jipc.examples.readme;

import io.jipc.Endpoint;
import io.jipc.IpcClient;
import io.jipc.IpcServer;
import io.jipc.jackson.JsonMapping;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** Typed payloads: records in, records out, through jipc-jackson's JsonMapping. */
public class TypedOrders {
  record Order(String item, int qty) {}

  record Receipt(String item, int qty, Instant at) {}

  public static void main(String[] args) throws Exception {
    Path path = Files.createTempDirectory("jipc").resolve("orders.sock"); // a private directory
    JsonMapping json = JsonMapping.defaults(); // records, java.time as ISO strings

    try (IpcServer server = IpcServer.create(Endpoint.unix(path))) {
      json.onRequest(
          server,
          "order",
          Order.class,
          (order, socket) -> new Receipt(order.item(), order.qty(), Instant.now()));
      server.start();

      try (IpcClient client = IpcClient.create(Endpoint.unix(path))) {
        client.connect().get(5, TimeUnit.SECONDS);
        Receipt receipt = json.request(client, "order", new Order("tea", 2), Receipt.class).get();
        System.out.println("receipt for " + receipt.qty() + " " + receipt.item());
      }
    }
  }
}
