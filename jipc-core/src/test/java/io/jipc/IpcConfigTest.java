package io.jipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jipc.testing.TempEndpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** IpcConfig: node-ipc's names and defaults, setters that refuse bad values, immutability. */
class IpcConfigTest {

  @Test
  void defaultsAreNodeIpcs() {
    IpcConfig c = IpcConfig.defaults();
    assertThat(c.socketFile().appspace()).isEqualTo("app.");
    assertThat(c.networkHost()).isEqualTo("127.0.0.1");
    assertThat(c.networkPort()).isEqualTo(8000);
    assertThat(c.socketFile().readableAll()).isFalse();
    assertThat(c.socketFile().writableAll()).isFalse();
    assertThat(c.socketFile().secureRoot()).isTrue();
    assertThat(c.socketFile().unlink()).isTrue();
    assertThat(c.encoding()).isEqualTo(Encoding.UTF8);
    assertThat(c.rawBuffer()).isFalse();
    assertThat(c.identifyPeer()).isFalse();
    assertThat(c.delimiter()).isEqualTo("\f");
    assertThat(c.sync()).isFalse();
    assertThat(c.logging().silent()).isFalse();
    assertThat(c.logging().logger()).isNull();
    assertThat(c.logging().payloads()).isFalse();
    assertThat(c.allowReservedEvents()).isFalse();
    assertThat(c.allowedEvents()).isEmpty();
    assertThat(c.networkInterface().localAddress()).isNull();
    assertThat(c.networkInterface().localPort()).isZero();
    assertThat(c.networkInterface().family()).isZero();
    assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.closeTimeout()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void defaultProfileIsGuardedNotFast() {
    assertThat(IpcConfig.defaults().profile()).isEqualTo(Profile.GUARDED);
  }

  @Test
  void defaultLimitsAndRetryPolicyAreNodeIpcs() {
    IpcConfig.Limits limits = IpcConfig.defaults().limits();
    assertThat(limits).isEqualTo(IpcConfig.Limits.DEFAULTS);
    assertThat(limits.maxMessageSize()).isEqualTo(1024 * 1024);
    assertThat(limits.maxPendingBytes()).isEqualTo(8 * 1024 * 1024);
    assertThat(limits.maxEventNameLength()).isEqualTo(256);
    assertThat(limits.messageTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(limits.maxConnections()).isEqualTo(100);
    assertThat(limits.maxJsonDepth()).isEqualTo(1000);
    IpcConfig.RetryPolicy retry = IpcConfig.defaults().retryPolicy();
    assertThat(retry.retry()).isEqualTo(Duration.ofMillis(500));
    assertThat(retry.maxRetries()).isEqualTo(IpcConfig.UNBOUNDED_RETRIES);
    assertThat(retry.unbounded()).isTrue();
    assertThat(retry.stopRetrying()).isFalse();
  }

  @Test
  void defaultSocketRootIsNodeIpc14s() throws Exception {
    String xdg = System.getenv("XDG_RUNTIME_DIR");
    Path expected;
    if (xdg != null && !xdg.isEmpty()) {
      expected = Path.of(xdg, "node-ipc");
    } else {
      try (TempEndpoints mine = new TempEndpoints()) {
        Object uid = Files.getAttribute(mine.dir(), "unix:uid");
        // Node's os.tmpdir(): TMPDIR, TMP, TEMP, else /tmp; never java.io.tmpdir.
        String tmp = "/tmp";
        for (String name : List.of("TEMP", "TMP", "TMPDIR")) {
          String value = System.getenv(name);
          tmp = value != null && !value.isEmpty() ? value : tmp;
        }
        expected = Path.of(tmp, "node-ipc-" + uid).normalize().toAbsolutePath();
      }
    }
    assertThat(IpcConfig.defaults().socketFile().resolvedRoot()).isEqualTo(expected);
  }

  @Test
  void aGroupSetsAllItsOptionsAndAFlatSetterKeepsTheGroupsOthers() {
    IpcConfig.Limits limits = new IpcConfig.Limits(10, 20, 30, Duration.ZERO, 40, 50);
    IpcConfig c = IpcConfig.builder().limits(limits).maxPendingBytes(21).build();
    assertThat(c.limits()).isEqualTo(new IpcConfig.Limits(10, 21, 30, Duration.ZERO, 40, 50));
    IpcConfig.SocketFile file =
        new IpcConfig.SocketFile("x.", Path.of("/run/app"), true, true, false, false);
    IpcConfig d = IpcConfig.builder().socketFile(file).appspace("y.").build();
    assertThat(d.socketFile())
        .isEqualTo(new IpcConfig.SocketFile("y.", Path.of("/run/app"), true, true, false, false));
    assertThat(d.socketFile().pathOf("world")).isEqualTo(Path.of("/run/app/y.world"));
    IpcConfig e = IpcConfig.builder().retry(Duration.ofSeconds(2)).maxRetries(3).build();
    assertThat(e.retryPolicy())
        .isEqualTo(new IpcConfig.RetryPolicy(Duration.ofSeconds(2), 3, false));
    IpcConfig f = IpcConfig.builder().allowedPeerUsers("a").allowedPeerGroups("g").build();
    assertThat(f.admission().users()).containsExactly("a");
    assertThat(f.admission().groups()).containsExactly("g");
    assertThat(f.admission().anyone()).isFalse();
    assertThat(IpcConfig.defaults().admission().anyone()).isTrue();
  }

  @Test
  void groupsCheckTheirValuesWhenMadeDirectly() {
    assertThatThrownBy(() -> new IpcConfig.Limits(0, 1, 1, Duration.ZERO, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxMessageSize must be at least 1, not 0");
    assertThatThrownBy(
            () -> new IpcConfig.SocketFile("app.", Path.of("rel"), false, false, true, true))
        .hasMessageContaining("socketRoot must be an absolute path");
    assertThatThrownBy(() -> new IpcConfig.Interface(null, 70000, 0))
        .hasMessage("localPort must be 0 to 65535, not 70000");
    assertThatThrownBy(() -> new IpcConfig.UdpPeers(0, Duration.ofSeconds(1)))
        .hasMessage("maxUdpPeers must be at least 1, not 0");
    assertThatThrownBy(() -> new IpcConfig.RetryPolicy(Duration.ZERO, 1, false))
        .hasMessage("retry must be at least 1 ms, not 0");
  }

  @Test
  void theSocketRootIsFoundWhenNeededNotWhenAConfigIsBuilt() {
    IpcConfig c = IpcConfig.defaults();
    assertThat(c.socketFile().root()).isNull();
    assertThat(c.toBuilder().build().socketFile().root()).isNull();
    assertThat(c.socketFile().resolvedRoot()).isAbsolute();
    Path set = Path.of("/run/jipc-test");
    assertThat(IpcConfig.builder().socketRoot(set).build().socketFile().resolvedRoot())
        .isEqualTo(set);
  }

  @Test
  void defaultIdIsTheHostName() throws Exception {
    Path hostname = Path.of("/proc/sys/kernel/hostname");
    String id = IpcConfig.defaults().id();
    assertThat(id).isNotEmpty();
    if (Files.isReadable(hostname)) {
      assertThat(id).isEqualTo(Files.readString(hostname).trim());
    }
  }

  @Test
  void nodeIpcNamesSelectProfilesAndEncodings() {
    assertThat(IpcConfig.builder().parser("fast").build().profile()).isEqualTo(Profile.FAST);
    assertThat(IpcConfig.builder().parser("raw").build().rawBuffer()).isTrue();
    IpcConfig raw = IpcConfig.builder().profile(Profile.FAST).rawBuffer(true).build();
    assertThat(raw.profile()).isEqualTo(Profile.RAW);
    assertThat(raw.rawBuffer()).isTrue();
    assertThat(IpcConfig.builder().encoding("ucs2").build().encoding()).isEqualTo(Encoding.UTF16LE);
    assertThat(IpcConfig.builder().encoding("hex").build().encoding()).isEqualTo(Encoding.HEX);
    assertThat(Profile.GUARDED.nodeName()).isEqualTo("guarded");
    assertThat(Profile.ofNodeName("assured")).isEqualTo(Profile.ASSURED);
  }

  static Stream<Arguments> badValues() {
    List<Arguments> rows = new ArrayList<>();
    rows.add(bad("networkPort", b -> b.networkPort(0)));
    rows.add(bad("networkPort", b -> b.networkPort(65536)));
    rows.add(bad("networkHost", b -> b.networkHost("")));
    rows.add(bad("id", b -> b.id("")));
    rows.add(bad("id", b -> b.id("a/b")));
    rows.add(bad("delimiter", b -> b.delimiter("")));
    rows.add(bad("maxMessageSize", b -> b.maxMessageSize(0)));
    rows.add(bad("maxPendingBytes", b -> b.maxPendingBytes(-1)));
    rows.add(bad("maxEventNameLength", b -> b.maxEventNameLength(0)));
    rows.add(bad("maxConnections", b -> b.maxConnections(0)));
    rows.add(bad("maxJsonDepth", b -> b.maxJsonDepth(0)));
    rows.add(bad("messageTimeout", b -> b.messageTimeout(Duration.ofMillis(-1))));
    rows.add(bad("messageTimeout", b -> b.messageTimeout(Duration.ofDays(2))));
    rows.add(bad("retry", b -> b.retry(Duration.ZERO)));
    rows.add(bad("retry", b -> b.retry(Duration.ofMillis(-5))));
    rows.add(bad("maxRetries", b -> b.maxRetries(-1)));
    rows.add(bad("localPort", b -> b.localPort(70000)));
    rows.add(bad("family", b -> b.family(5)));
    rows.add(bad("connectTimeout", b -> b.connectTimeout(Duration.ZERO)));
    rows.add(bad("closeTimeout", b -> b.closeTimeout(Duration.ofSeconds(-1))));
    rows.add(bad("parser", b -> b.parser("json")));
    rows.add(bad("encoding", b -> b.encoding("ebcdic")));
    rows.add(bad("allowedEvents", b -> b.allowedEvents("ok", "")));
    return rows.stream();
  }

  private static Arguments bad(String option, Consumer<IpcConfig.Builder> setter) {
    return Arguments.of(option, setter);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badValues")
  void settersRefuseBadValuesNamingTheOption(String option, Consumer<IpcConfig.Builder> setter) {
    IpcConfig.Builder builder = IpcConfig.builder();
    assertThatThrownBy(() -> setter.accept(builder))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(option);
    assertThat(builder.build()).usingRecursiveComparison().isEqualTo(IpcConfig.defaults());
  }

  @Test
  void settersRefuseNullNamingTheOption() {
    assertThatThrownBy(() -> IpcConfig.builder().socketRoot(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("socketRoot");
    assertThatThrownBy(() -> IpcConfig.builder().messageTimeout(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("messageTimeout");
  }

  @Test
  void assuredWithoutAllowedEventsFailsAtBuild() {
    IpcConfig.Builder builder = IpcConfig.builder().profile(Profile.ASSURED);
    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("allowedEvents");
    assertThat(builder.allowedEvents("ok").build().allowedEvents()).containsExactly("ok");
  }

  @Test
  void builderChangesAfterBuildDoNotAffectTheConfig() {
    List<String> names = new ArrayList<>(List.of("a", "b"));
    IpcConfig.Builder builder =
        IpcConfig.builder().id("first").maxMessageSize(4096).allowedEvents(names);
    IpcConfig config = builder.build();
    builder.id("second").maxMessageSize(8192).allowedEvents("c").sync(true);
    names.add("d");
    assertThat(config.id()).isEqualTo("first");
    assertThat(config.limits().maxMessageSize()).isEqualTo(4096);
    assertThat(config.allowedEvents()).containsExactlyInAnyOrder("a", "b");
    assertThat(config.sync()).isFalse();
    assertThatThrownBy(() -> config.allowedEvents().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void toBuilderCopiesEveryValue() {
    IpcConfig config =
        IpcConfig.builder()
            .id("svc")
            .profile(Profile.FAST)
            .delimiter("\u0001")
            .maxRetries(3)
            .messageTimeout(Duration.ZERO)
            .allowedEvents("x")
            .build();
    assertThat(config.toBuilder().build()).usingRecursiveComparison().isEqualTo(config);
    assertThat(config.limits().messageTimeout()).isEqualTo(Duration.ZERO);
  }

  @Test
  void endpointsCheckTheirValuesAndPrintThemselves() {
    assertThatThrownBy(() -> Endpoint.tcp("127.0.0.1", 65536))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Endpoint.tcp("", 1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(Endpoint.tcp("::1", 8000)).hasToString("[::1]:8000");
    assertThat(Endpoint.tcp("127.0.0.1", 8000)).hasToString("127.0.0.1:8000");
    assertThat(Endpoint.unix(Path.of("/run/x.sock"))).hasToString("/run/x.sock");
  }

  @Test
  void heartbeatSettingsAreChecked() {
    assertThatThrownBy(
            () ->
                IpcConfig.builder()
                    .heartbeat(Duration.ofMillis(100))
                    .heartbeatTimeout(Duration.ofMillis(100))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("heartbeatTimeout (100 ms) must be longer than heartbeat (100 ms)");
    assertThatThrownBy(
            () -> IpcConfig.builder().heartbeat(Duration.ofMillis(100)).rawBuffer(true).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("framed profile");
    assertThatThrownBy(
            () ->
                IpcConfig.builder()
                    .profile(Profile.ASSURED)
                    .allowedEvents("a")
                    .heartbeat(Duration.ofMillis(100))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("both \"jipc.ping\" and \"jipc.pong\" for heartbeat");
    assertThatThrownBy(() -> IpcConfig.builder().heartbeat(Duration.ofHours(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 1 hour");
    IpcConfig derived = IpcConfig.builder().heartbeat(Duration.ofMillis(100)).build();
    assertThat(derived.heartbeatTimeout()).isEqualTo(Duration.ofMillis(300));
    assertThat(derived.toBuilder().heartbeat(Duration.ofSeconds(1)).build().heartbeatTimeout())
        .as("a derived timeout follows the interval through toBuilder")
        .isEqualTo(Duration.ofSeconds(3));
    assertThat(IpcConfig.defaults().heartbeatTimeout()).isEqualTo(Duration.ZERO);
  }

  @Test
  void requestSettingsAreCheckedAndTheAssuredProfileNeedsBothRequestTypes() {
    assertThat(IpcConfig.defaults().requestTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(IpcConfig.defaults().maxPendingRequests()).isEqualTo(4096);
    assertThat(IpcConfig.defaults().keepAlive()).isFalse();
    assertThatThrownBy(() -> IpcConfig.builder().requestTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("requestTimeout");
    assertThatThrownBy(() -> IpcConfig.builder().maxPendingRequests(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxPendingRequests must be at least 1, not 0");
    assertThatThrownBy(
            () ->
                IpcConfig.builder()
                    .profile(Profile.ASSURED)
                    .allowedEvents("price", "jipc.request")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("both \"jipc.request\" and \"jipc.reply\" for requests, or neither");
    IpcConfig copied =
        IpcConfig.builder()
            .requestTimeout(Duration.ofSeconds(2))
            .maxPendingRequests(7)
            .keepAlive(true)
            .build()
            .toBuilder()
            .build();
    assertThat(copied.requestTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(copied.maxPendingRequests()).isEqualTo(7);
    assertThat(copied.keepAlive()).isTrue();
  }
}
