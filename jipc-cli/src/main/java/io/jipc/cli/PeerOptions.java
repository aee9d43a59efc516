package io.jipc.cli;

import io.jipc.Endpoint;
import io.jipc.IpcConfig;
import io.jipc.Profile;
import io.jipc.TlsOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The endpoint options every network subcommand shares, under node-ipc's names where it has them:
 * profile, id, socket root, allowed events and the TLS files. Each falls back to a {@code JIPC_*}
 * environment variable where one is named. Filled in by picocli; read once by the command's thread.
 */
final class PeerOptions {
  @Option(
      names = "--profile",
      defaultValue = "${env:JIPC_PROFILE:-guarded}",
      paramLabel = "NAME",
      description =
          "raw, fast, guarded or assured: node-ipc's parser profiles "
              + "(env JIPC_PROFILE; default: guarded).")
  String profile;

  @Option(names = "--raw", description = "node-ipc's rawBuffer: bytes, no events (profile raw).")
  boolean raw;

  @Option(
      names = "--id",
      paramLabel = "ID",
      defaultValue = "${env:JIPC_ID}",
      description = "This process's node-ipc id (env JIPC_ID; default: the host name).")
  String id;

  @Option(
      names = "--socket-root",
      defaultValue = "${env:JIPC_SOCKET_ROOT}",
      paramLabel = "DIR",
      description =
          "Directory of id targets' sockets (env JIPC_SOCKET_ROOT; default: node-ipc's per-user"
              + " root, $XDG_RUNTIME_DIR/node-ipc/ or <tmpdir>/node-ipc-<uid>/).")
  Path socketRoot;

  @Option(
      names = "--appspace",
      paramLabel = "PREFIX",
      defaultValue = "app.",
      description = "Prefix of id targets' socket names (default: ${DEFAULT-VALUE}).")
  String appspace;

  @Option(
      names = "--allow",
      split = ",",
      paramLabel = "EVENT",
      description = "node-ipc's allowedEvents (repeatable or comma-separated); assured needs it.")
  List<String> allowed = new ArrayList<>();

  @Option(
      names = "--key",
      defaultValue = "${env:JIPC_TLS_KEY}",
      paramLabel = "PEM",
      description = "TLS: this side's private key file, node-ipc's private (env JIPC_TLS_KEY).")
  Path key;

  @Option(
      names = "--cert",
      defaultValue = "${env:JIPC_TLS_CERT}",
      paramLabel = "PEM",
      description = "TLS: this side's certificate file, node-ipc's public (env JIPC_TLS_CERT).")
  Path cert;

  @Option(
      names = "--ca",
      split = ",",
      defaultValue = "${env:JIPC_TLS_CA}",
      paramLabel = "PEM",
      description =
          "TLS: trusted CA file, node-ipc's trustedConnections; repeatable (env JIPC_TLS_CA,"
              + " comma-separated). On a server it turns on client certificates.")
  List<Path> ca = new ArrayList<>();

  @Option(
      names = "--request-cert",
      description = "TLS server: ask clients for a certificate (default: when --ca is given).")
  Boolean requestCert;

  @Option(
      names = "--no-reject-unauthorized",
      description = "TLS: accept a peer whose certificate does not verify (tests only).")
  boolean noRejectUnauthorized;

  @Option(
      names = "--server-name",
      paramLabel = "HOST",
      description = "TLS client: the host name to verify instead of the target's host.")
  String serverName;

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  /** Returns the chosen profile, {@link Profile#RAW} when {@code --raw} is given. */
  Profile profile() {
    if (raw) {
      return Profile.RAW;
    }
    try {
      return Profile.ofNodeName(profile.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw usage("--profile must be raw, fast, guarded or assured, not " + profile);
    }
  }

  /**
   * Returns a config builder for {@code target}: silent (the command prints what happens), with
   * these options applied.
   *
   * @param server true when this side listens: a TLS server needs a key and a certificate
   * @throws ParameterException for options that do not fit together or the target
   */
  IpcConfig.Builder config(Target target, boolean server) {
    try {
      IpcConfig.Builder builder = IpcConfig.builder().silent(true).profile(profile());
      if (id != null && !id.isEmpty()) {
        builder.id(id);
      }
      if (socketRoot != null) {
        builder.socketRoot(socketRoot);
      }
      builder.appspace(appspace);
      if (!allowed.isEmpty()) {
        builder.allowedEvents(allowed);
      }
      if (target.isTls()) {
        builder.tls(tls(server));
      } else {
        refuseTlsOptions(target);
      }
      return builder;
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  private TlsOptions tls(boolean server) {
    if (server && (key == null || cert == null)) {
      throw usage("a tls:// server needs --key and --cert (or JIPC_TLS_KEY and JIPC_TLS_CERT)");
    }
    if ((key == null) != (cert == null)) {
      throw usage("--key and --cert go together");
    }
    TlsOptions.Builder tls = TlsOptions.builder();
    if (key != null) {
      tls.privateKey(key).publicCert(cert);
    }
    tls.trustedConnections(ca.toArray(Path[]::new));
    if (requestCert != null) {
      tls.requestCert(requestCert);
    }
    if (noRejectUnauthorized) {
      tls.rejectUnauthorized(false);
    }
    if (serverName != null) {
      tls.serverName(serverName);
    }
    return tls.build();
  }

  /** TLS flags typed for a target that is not TLS are a mistake; environment fallbacks are not. */
  private void refuseTlsOptions(Target target) {
    var parsed = spec.commandLine().getParseResult();
    for (String name :
        List.of(
            "--key",
            "--cert",
            "--ca",
            "--request-cert",
            "--no-reject-unauthorized",
            "--server-name")) {
      if (parsed.hasMatchedOption(name)) {
        throw usage(name + " needs a tls:// target, not " + target);
      }
    }
  }

  /**
   * Returns the endpoint of {@code target} under {@code config}.
   *
   * @param server true when this side listens; a client needs a port other than 0
   * @throws ParameterException for a bad id or a client target on port 0
   */
  Endpoint endpoint(Target target, IpcConfig config, boolean server) {
    if (!server && target.port() == 0 && target.host() != null && !target.scheme().equals("id")) {
      throw usage("port 0 only lets a server pick a free port; give the port of " + target);
    }
    try {
      return target.endpoint(config);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  /** Returns a usage error of the command these options belong to. */
  ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
