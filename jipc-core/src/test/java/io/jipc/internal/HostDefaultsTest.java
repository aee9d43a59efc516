package io.jipc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The default socket root, computed as node-ipc 14 and Node's {@code os.tmpdir()} do. */
class HostDefaultsTest {
  private static final boolean POSIX = false;
  private static final boolean WINDOWS = true;

  @Test
  void xdgRuntimeDirWinsOverTmpdir() {
    Map<String, String> env = Map.of("XDG_RUNTIME_DIR", "/run/user/1000", "TMPDIR", "/var/tmp");
    assertThat(HostDefaults.socketRoot(env, POSIX, "1000"))
        .isEqualTo(Path.of("/run/user/1000/node-ipc"));
  }

  @Test
  void emptyXdgRuntimeDirIsIgnored() {
    Map<String, String> env = Map.of("XDG_RUNTIME_DIR", "", "TMPDIR", "/var/tmp");
    assertThat(HostDefaults.socketRoot(env, POSIX, "1000"))
        .isEqualTo(Path.of("/var/tmp/node-ipc-1000"));
  }

  @Test
  void tmpdirNamesTheRootWithTheUid() {
    Map<String, String> env = Map.of("TMPDIR", "/private/var/folders/xy/T/");
    assertThat(HostDefaults.socketRoot(env, POSIX, "501"))
        .isEqualTo(Path.of("/private/var/folders/xy/T/node-ipc-501"));
  }

  @Test
  void posixTmpdirPrefersTmpdirThenTmpThenTemp() {
    assertThat(HostDefaults.nodeTmpdir(Map.of("TMPDIR", "/a", "TMP", "/b", "TEMP", "/c"), POSIX))
        .isEqualTo("/a");
    assertThat(HostDefaults.nodeTmpdir(Map.of("TMP", "/b", "TEMP", "/c"), POSIX)).isEqualTo("/b");
    assertThat(HostDefaults.nodeTmpdir(Map.of("TEMP", "/c"), POSIX)).isEqualTo("/c");
  }

  @Test
  void posixTmpdirSkipsEmptyValuesAndFallsBackToSlashTmp() {
    assertThat(HostDefaults.nodeTmpdir(Map.of("TMPDIR", "", "TMP", "/b"), POSIX)).isEqualTo("/b");
    assertThat(HostDefaults.nodeTmpdir(Map.of("TMPDIR", ""), POSIX)).isEqualTo("/tmp");
    assertThat(HostDefaults.nodeTmpdir(Map.of(), POSIX)).isEqualTo("/tmp");
  }

  @Test
  void posixTmpdirLosesOneTrailingSlashButRootStays() {
    assertThat(HostDefaults.nodeTmpdir(Map.of("TMPDIR", "/a/b/"), POSIX)).isEqualTo("/a/b");
    assertThat(HostDefaults.nodeTmpdir(Map.of("TMPDIR", "/a/b//"), POSIX)).isEqualTo("/a/b/");
    assertThat(HostDefaults.nodeTmpdir(Map.of("TMPDIR", "/"), POSIX)).isEqualTo("/");
  }

  @Test
  void rootIsNormalizedAsNodesPathJoinDoes() {
    assertThat(HostDefaults.socketRoot(Map.of("TMPDIR", "/a//x/../b/"), POSIX, "7"))
        .isEqualTo(Path.of("/a/b/node-ipc-7"));
    assertThat(HostDefaults.socketRoot(Map.of("TMPDIR", "/"), POSIX, "7"))
        .isEqualTo(Path.of("/node-ipc-7"));
  }

  @Test
  void relativeTmpdirResolvesAgainstTheWorkingDirectory() {
    assertThat(HostDefaults.socketRoot(Map.of("TMPDIR", "rel/x/"), POSIX, "7"))
        .isEqualTo(Path.of("rel/x/node-ipc-7").toAbsolutePath());
  }

  @Test
  void windowsTmpdirPrefersTempThenTmpThenSystemRoot() {
    Map<String, String> all =
        Map.of("TEMP", "C:\\Users\\a\\Temp", "TMP", "D:\\tmp", "SystemRoot", "C:\\Windows");
    assertThat(HostDefaults.nodeTmpdir(all, WINDOWS)).isEqualTo("C:\\Users\\a\\Temp");
    assertThat(HostDefaults.nodeTmpdir(Map.of("TMP", "D:\\tmp"), WINDOWS)).isEqualTo("D:\\tmp");
    assertThat(HostDefaults.nodeTmpdir(Map.of("SystemRoot", "C:\\Windows"), WINDOWS))
        .isEqualTo("C:\\Windows\\temp");
    assertThat(HostDefaults.nodeTmpdir(Map.of("windir", "C:\\WINNT"), WINDOWS))
        .isEqualTo("C:\\WINNT\\temp");
    assertThat(HostDefaults.nodeTmpdir(Map.of(), WINDOWS)).isEqualTo("undefined\\temp");
  }

  @Test
  void windowsTmpdirIgnoresTheCaseOfNamesAndPosixDoesNot() {
    assertThat(HostDefaults.nodeTmpdir(Map.of("temp", "C:\\t"), WINDOWS)).isEqualTo("C:\\t");
    assertThat(HostDefaults.nodeTmpdir(Map.of("tmpdir", "/a"), POSIX)).isEqualTo("/tmp");
  }

  @Test
  void windowsTmpdirLosesATrailingBackslashExceptAfterADrive() {
    assertThat(HostDefaults.nodeTmpdir(Map.of("TEMP", "C:\\t\\"), WINDOWS)).isEqualTo("C:\\t");
    assertThat(HostDefaults.nodeTmpdir(Map.of("TEMP", "C:\\"), WINDOWS)).isEqualTo("C:\\");
  }

  @Test
  void windowsIgnoresXdgRuntimeDir() {
    Map<String, String> env = Map.of("XDG_RUNTIME_DIR", "/run/user/1000", "TEMP", "/t");
    assertThat(HostDefaults.socketRoot(env, WINDOWS, "me")).isEqualTo(Path.of("/t/node-ipc-me"));
  }

  @Test
  void networkHostIsIpv6LoopbackOnlyWhenTheFirstInterfaceHasNoIpv4Address() throws Exception {
    java.net.InetAddress v4 = java.net.InetAddress.getByName("127.0.0.1");
    java.net.InetAddress v6 = java.net.InetAddress.getByName("::1");
    assertThat(HostDefaults.firstHostOf(java.util.List.of(v6))).isEqualTo("::1");
    assertThat(HostDefaults.firstHostOf(java.util.List.of(v6, v4))).isEqualTo("127.0.0.1");
    assertThat(HostDefaults.firstHostOf(java.util.List.of(v4))).isEqualTo("127.0.0.1");
    assertThat(HostDefaults.firstHostOf(java.util.List.of())).isEqualTo("127.0.0.1");
    assertThat(HostDefaults.networkHost()).isIn("::1", "127.0.0.1");
  }
}
