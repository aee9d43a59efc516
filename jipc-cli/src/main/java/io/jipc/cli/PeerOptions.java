package io.jipc.cli;

import io.jipc.Endpoint;
import io.jipc.IpcConfig;
import io.jipc.Profile;
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
 * profile, id, socket root, appspace and allowed events; the TLS options are {@link TlsFlags}. Each
 * falls back to a {@code JIPC_*} environment variable where one is named. Filled in by picocli;
 * read once by the command's thread.
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

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  /** Returns the profile {@code --profile} names, or {@link Profile#RAW} when {@code raw}. */
  Profile profile(boolean raw) {
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
   * these options applied, and {@code tls} for a TLS target.
   *
   * @param raw true when the command's {@code --raw} is given: the raw profile
   * @throws ParameterException for options that do not fit together or the target
   */
  IpcConfig.Builder config(Target target, TlsFlags tls, boolean raw) {
    try {
      IpcConfig.Builder builder = IpcConfig.builder().silent(true).profile(profile(raw));
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
        builder.tls(tls.options());
      } else {
        tls.refuseFor(target);
      }
      return builder;
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  /**
   * Builds {@code builder}, made by {@link #config}.
   *
   * @throws ParameterException if the options do not fit together, such as the assured profile
   *     without {@code --allow}
   */
  IpcConfig build(IpcConfig.Builder builder) {
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      if (allowed.isEmpty() && e.getMessage().contains("allowedEvents")) {
        throw usage(
            "--profile assured needs --allow EVENT (repeatable or comma-separated), the events it"
                + " may send and receive");
      }
      throw usage(e.getMessage());
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
