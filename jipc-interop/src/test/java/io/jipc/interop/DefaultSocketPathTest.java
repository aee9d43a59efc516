package io.jipc.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.Endpoint;
import io.jipc.Ipc;
import io.jipc.IpcServer;
import io.jipc.internal.HostDefaults;
import io.jipc.testing.EventRecorder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * node-ipc 14 and jipc find each other on the default Unix socket path ({@code socketRoot + "app."
 * + id}, no path given on either side) with {@code TMPDIR} set and unset, and {@code
 * XDG_RUNTIME_DIR} absent, in both directions.
 *
 * <p>A JVM cannot change its own environment, so the Java side's root is {@link
 * HostDefaults#socketRoot(Map)} of the environment the Node process gets: the same computation that
 * {@code IpcConfig}'s default runs on {@code System.getenv()}.
 */
class DefaultSocketPathTest {
  private static final List<String> ROOT_VARIABLES =
      List.of("XDG_RUNTIME_DIR", "TMPDIR", "TMP", "TEMP");

  @TempDir Path privateTmp;

  private NodeIpcPeer node;
  private IpcServer server;

  /** Whether the environment of both sides names a temp directory. */
  enum Tmpdir {
    SET,
    UNSET
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.stop();
    }
    if (node != null) {
      node.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Tmpdir.class)
  void javaClientFindsNodeIpcServerOnTheDefaultPath(Tmpdir tmpdir) throws Exception {
    Map<String, String> env = environment(tmpdir);
    String id = uniqueId();
    node = NodeIpcPeer.start(Lib.V14, replaceWith(env));
    Path root = HostDefaults.socketRoot(env);
    assertThat(node.defaultSocketRoot()).isEqualTo(root + "/");
    if (tmpdir == Tmpdir.SET) {
      assertThat(root.startsWith(privateTmp.toRealPath()))
          .as("%s under %s", root, privateTmp)
          .isTrue();
    }
    node.send("cmd", "serve", "name", id, "transport", "unix");
    node.expect(id, "start");
    assertThat(root.resolve("app." + id)).exists();

    Ipc ipc = new Ipc();
    ipc.config().socketRoot(root).silent(true);
    EventRecorder events = new EventRecorder();
    try {
      ipc.connectTo(id, () -> events.record(ipc.of(id), "java"));
      events.skipTo("java", "connect");
      ipc.of(id).emit("hello", "from java");
      assertThat(node.expectMsg(id, "hello").get("data")).isEqualTo("from java");
    } finally {
      ipc.disconnect(id);
    }
  }

  @ParameterizedTest
  @EnumSource(Tmpdir.class)
  void nodeIpcClientFindsJavaServerOnTheDefaultPath(Tmpdir tmpdir) throws Exception {
    Map<String, String> env = environment(tmpdir);
    String id = uniqueId();
    Path root = HostDefaults.socketRoot(env);
    Ipc ipc = new Ipc();
    ipc.config().socketRoot(root).id(id).silent(true);
    EventRecorder events = new EventRecorder();
    ipc.serve(() -> events.record(ipc.server(), "java"));
    server = ipc.server();
    server.start();
    assertThat(server.endpoint()).isEqualTo(Endpoint.unix(root.resolve("app." + id)));

    node = NodeIpcPeer.start(Lib.V14, replaceWith(env));
    assertThat(node.defaultSocketRoot()).isEqualTo(root + "/");
    node.send("cmd", "connect", "name", "hello", "transport", "unix", "service", id);
    node.expect("hello", "connect");
    node.send("cmd", "emit", "name", "hello", "type", "hello", "data", "from node");
    EventRecorder.Event hello = events.skipTo("java", "hello");
    assertThat(hello.data()).isEqualTo("from node");
    node.send("cmd", "disconnect", "name", "hello");
  }

  @Test
  void achrinzaNodeIpcTenKeepsSlashTmpWhateverTmpdirSays() throws Exception {
    node = NodeIpcPeer.start(Lib.V10, replaceWith(environment(Tmpdir.SET)));
    assertThat(node.defaultSocketRoot()).isEqualTo("/tmp/");
  }

  /** This JVM's environment without the root variables, plus TMPDIR when {@code SET}. */
  private Map<String, String> environment(Tmpdir tmpdir) throws IOException {
    Map<String, String> env = new HashMap<>(System.getenv());
    ROOT_VARIABLES.forEach(env::remove);
    if (tmpdir == Tmpdir.SET) {
      env.put("TMPDIR", privateTmp.toRealPath() + "/");
    }
    return env;
  }

  private static Consumer<Map<String, String>> replaceWith(Map<String, String> env) {
    return child -> {
      child.clear();
      child.putAll(env);
    };
  }

  private static String uniqueId() {
    return "root-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
