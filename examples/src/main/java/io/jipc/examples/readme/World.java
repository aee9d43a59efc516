package io.jipc.examples.readme;

// spotless:off (the README shows this file from its imports to the last brace, in node-ipc's layout)
import io.jipc.Ipc;
import java.io.IOException;
import java.time.Duration;

/** node-ipc's README hello/world server, line by line. */
public class World {
  public static void main(String[] args) throws IOException {
    Ipc ipc = new Ipc();
    ipc.config().id("world").retry(Duration.ofMillis(1500));

    ipc.serve(() -> {
      ipc.server().on("message", (data, socket) -> {
        ipc.log("got a message :", data);
        ipc.server().emit(socket, "message", data + " world!");
      });
      ipc.server().on("socket.disconnected", (destroyedSocketId, socket) ->
          ipc.log("client " + destroyedSocketId + " has disconnected!"));
    });

    ipc.server().start(); // returns once bound; serves until the process ends
  }
}
// spotless:on
