package io.jipc.cli;

import io.jipc.TlsOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The TLS options of a command, under node-ipc's names: the options both sides have, plus {@link
 * Server}'s {@code --request-cert} or {@link Client}'s {@code --server-name}, so each command's
 * help lists only what applies to it. Each file option falls back to a {@code JIPC_TLS_*}
 * environment variable. Filled in by picocli; read once by the command's thread.
 */
abstract sealed class TlsFlags permits TlsFlags.Server, TlsFlags.Client {
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
              + " comma-separated).")
  List<Path> ca = new ArrayList<>();

  @Option(
      names = "--no-reject-unauthorized",
      description = "TLS: accept a peer whose certificate does not verify (tests only).")
  boolean noRejectUnauthorized;

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  /** Returns true for a listening side: it needs a key and a certificate. */
  abstract boolean server();

  /** Applies the options only one side has. */
  abstract void sideOptions(TlsOptions.Builder tls);

  /** Returns the names of the options only one side has. */
  abstract List<String> sideOptionNames();

  /**
   * Returns the TLS options these flags give.
   *
   * @throws ParameterException if a server lacks its key or certificate, or only one is given
   */
  TlsOptions options() {
    if (server() && (key == null || cert == null)) {
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
    if (noRejectUnauthorized) {
      tls.rejectUnauthorized(false);
    }
    sideOptions(tls);
    return tls.build();
  }

  /**
   * Refuses TLS flags typed for a target that is not TLS: a mistake; environment fallbacks are not.
   *
   * @throws ParameterException naming the first such flag
   */
  void refuseFor(Target target) {
    var parsed = spec.commandLine().getParseResult();
    List<String> names =
        new ArrayList<>(List.of("--key", "--cert", "--ca", "--no-reject-unauthorized"));
    names.addAll(sideOptionNames());
    for (String name : names) {
      if (parsed.hasMatchedOption(name)) {
        throw usage(name + " needs a tls:// target, not " + target);
      }
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /** The TLS options of a server ({@code serve}, {@code bench server}). */
  static final class Server extends TlsFlags {
    @Option(
        names = "--request-cert",
        description = "TLS: ask clients for a certificate (default: when --ca is given).")
    Boolean requestCert;

    @Override
    boolean server() {
      return true;
    }

    @Override
    void sideOptions(TlsOptions.Builder tls) {
      if (requestCert != null) {
        tls.requestCert(requestCert);
      }
    }

    @Override
    List<String> sideOptionNames() {
      return List.of("--request-cert");
    }
  }

  /** The TLS options of a client ({@code emit}, {@code listen}, {@code bench client}). */
  static final class Client extends TlsFlags {
    @Option(
        names = "--server-name",
        paramLabel = "HOST",
        description = "TLS: the host name to verify instead of the target's host.")
    String serverName;

    @Override
    boolean server() {
      return false;
    }

    @Override
    void sideOptions(TlsOptions.Builder tls) {
      if (serverName != null) {
        tls.serverName(serverName);
      }
    }

    @Override
    List<String> sideOptionNames() {
      return List.of("--server-name");
    }
  }
}
