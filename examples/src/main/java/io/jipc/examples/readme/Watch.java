package io.jipc.examples.readme;

import io.jipc.Endpoint;
import io.jipc.IpcClient;
import io.jipc.IpcServer;
import io.jipc.IpcStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A server that answers pings, a client that sends them, and the server's {@code stats()} printed
 * once a second, for the number of seconds given (3 by default).
 */
public class Watch {
  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    Path path = Files.createTempDirectory("jipc").resolve("watch.sock"); // a private directory
    try (IpcServer server = IpcServer.create(Endpoint.unix(path));
        IpcClient client = IpcClient.create(Endpoint.unix(path))) {
      server.on("ping", (data, socket) -> socket.emit("pong", data));
      server.start();
      client.on("pong", data -> client.emit("ping", data)); // one ping in flight, always
      client.connect().get(5, TimeUnit.SECONDS);
      client.emit("ping", 1);

      for (int second = 0; second < seconds; second++) {
        TimeUnit.SECONDS.sleep(1);
        IpcStats stats = server.stats(); // any thread, any time: a few loads per socket
        System.out.printf(
            "connections %d (total %d), in %d frames %d bytes, out %d frames %d bytes,"
                + " queued %d bytes, errors %d%n",
            stats.connections().open(),
            stats.connections().total(),
            stats.in().frames(),
            stats.in().bytes(),
            stats.out().frames(),
            stats.out().bytes(),
            stats.queuedBytes(),
            stats.errors().total());
      }
    }
    Files.delete(path.getParent());
  }
}
