package io.jipc.examples.readme;

// spotless:off (the README shows this file from its imports to the last brace, in node-ipc's layout)
import io.jipc.Ipc;
import java.time.Duration;

/** node-ipc's README hello/world client, line by line. */
public class Hello {
  public static void main(String[] args) {
    Ipc ipc = new Ipc();
    ipc.config().id("hello").retry(Duration.ofMillis(1500));

    ipc.connectTo("world", () -> {
      ipc.of("world").on("connect", () -> {
        ipc.log("## connected to world ##");
        ipc.of("world").emit("message", "hello");
      });
      ipc.of("world").on("disconnect", () -> ipc.log("disconnected from world"));
      ipc.of("world").on("message", data -> ipc.log("got a message from world :", data));
    }); // connects in the background, reconnects until the process ends
  }
}
// spotless:on
