package io.jipc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DemoCommandTest {
  @TempDir Path root;

  @Test
  void demoExchangesAndBroadcastsEventsAndExitsZero() {
    StringWriter out = new StringWriter();
    int status =
        new CommandLine(new Main())
            .setOut(new PrintWriter(out))
            .execute("demo", "--socket-root", root.toString());

    assertThat(status).isZero();
    assertThat(out.toString())
        .contains("[server]  listening on " + root.resolve("app.jipc-demo"))
        .contains("[hello]   got message \"hello world!\"")
        .contains("[there]   got message \"hi there world!\"")
        .contains("[server]  broadcasting news {\"text\":\"good news, everyone\",\"clients\":2}")
        .contains("[hello]   got news {\"text\":\"good news, everyone\",\"clients\":2}")
        .contains("[there]   got news {\"text\":\"good news, everyone\",\"clients\":2}")
        .contains("[server]  socket 1 disconnected")
        .contains("[server]  socket 2 disconnected")
        .endsWith("demo finished: every event arrived" + System.lineSeparator());
    assertThat(Files.exists(root.resolve("app.jipc-demo"))).as("socket file removed").isFalse();
  }
}
