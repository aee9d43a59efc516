package io.jipc;

/**
 * How an endpoint frames, checks and limits what it sends and receives; node-ipc 14's {@code
 * parser} profiles under the same names.
 *
 * <p>The profile is chosen once per endpoint, when it is created; the checks it implies cost
 * nothing per message beyond the checks themselves. jipc's default is {@link #GUARDED}, where
 * node-ipc's is {@code fast}.
 *
 * <p>Differences from node-ipc, all in the safe direction: every framed profile bounds the bytes it
 * buffers for one incoming frame by {@code maxMessageSize} and every profile bounds queued writes
 * by {@code maxPendingBytes}; a frame that is JSON but not an event envelope is a contained
 * protocol error in every profile (it crashes a node-ipc {@code fast} process).
 */
public enum Profile {
  /**
   * No framing and no JSON: bytes in, bytes out. Each read is delivered as one {@code data} event
   * (a read is not a message); strings are sent in {@link IpcConfig#encoding()}.
   */
  RAW("raw"),
  /**
   * Delimiter framing and the JSON envelope; malformed input closes the connection. Event names are
   * not checked: a wire event named like a lifecycle event reaches the handlers of that name, as in
   * node-ipc. For trusted peers.
   */
  FAST("fast"),
  /**
   * {@link #FAST} plus finite limits on frame size, pending writes and event-name length, rejection
   * of empty, reserved ({@code start connect disconnect destroy close socket.disconnected error
   * data}) and {@code Object.prototype} event names in both directions, and a timeout for
   * incomplete frames. The default.
   */
  GUARDED("guarded"),
  /**
   * {@link #GUARDED} plus a required, non-empty {@code allowedEvents} list applied to sent and
   * received event names, and no opt-out for reserved names.
   */
  ASSURED("assured");

  private final String nodeName;

  Profile(String nodeName) {
    this.nodeName = nodeName;
  }

  /** Returns node-ipc's name for this profile ({@code "guarded"} and so on). */
  public String nodeName() {
    return nodeName;
  }

  /**
   * Returns the profile node-ipc calls {@code name}.
   *
   * @throws IllegalArgumentException if {@code name} is not one of raw, fast, guarded, assured
   */
  public static Profile ofNodeName(String name) {
    for (Profile profile : values()) {
      if (profile.nodeName.equals(name)) {
        return profile;
      }
    }
    throw new IllegalArgumentException(
        "parser must be one of raw, fast, guarded, assured, not \"" + name + "\"");
  }
}
