package io.jipc.interop;

/** The node-ipc releases of the gate; never another version (some shipped malicious code). */
enum Lib {
  V14("v14", "node-ipc 14.0.0"),
  V10("v10", "@achrinza/node-ipc 10.1.11");

  private final String arg;
  private final String label;

  Lib(String arg, String label) {
    this.arg = arg;
    this.label = label;
  }

  /** Returns the argument that selects this library in {@code peer.mjs}. */
  String arg() {
    return arg;
  }

  /** Returns the package and version, for the results table. */
  String label() {
    return label;
  }

  @Override
  public String toString() {
    return arg;
  }
}
