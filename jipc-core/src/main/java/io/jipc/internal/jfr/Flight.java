package io.jipc.internal.jfr;

import io.jipc.IpcProtocolException;
import java.net.SocketAddress;

/**
 * jipc's JDK Flight Recorder events, recorded only while a recording enables them: each method
 * costs one check of the event's enabled flag when nothing records. The events are {@code
 * io.jipc.Connect}, {@code io.jipc.Disconnect}, {@code io.jipc.ProtocolError}, {@code
 * io.jipc.BackpressureClose}, {@code io.jipc.SlowHandler} and {@code io.jipc.RequestTimeout}, all
 * in category "jipc". On a runtime image without the {@code jdk.jfr} module (a class-path user's
 * custom image), the methods do nothing. Thread-safe.
 */
public final class Flight {
  private static final boolean PRESENT = present();

  private Flight() {}

  private static boolean present() {
    try {
      Class.forName("jdk.jfr.Event", false, Flight.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** Records that {@code connection}, to {@code remote}, got past its handshake. */
  public static void connected(String connection, SocketAddress remote) {
    if (PRESENT) {
      ConnectEvent.record(connection, remote);
    }
  }

  /**
   * Records that a connection that had connected closed, with {@code failure} (null: cleanly) and
   * what it carried each way.
   */
  public static void disconnected(
      String connection,
      Throwable failure,
      long framesIn,
      long bytesIn,
      long framesOut,
      long bytesOut) {
    if (PRESENT) {
      String code = failure instanceof IpcProtocolException p ? p.code() : null;
      DisconnectEvent.record(connection, failure, code, framesIn, bytesIn, framesOut, bytesOut);
    }
  }

  /** Records a protocol error {@code endpoint} reports, on {@code socket} (null: endpoint-wide). */
  public static void protocolError(String endpoint, String socket, IpcProtocolException error) {
    if (PRESENT) {
      ProtocolErrorEvent.record(endpoint, socket, error.code(), error.getMessage());
    }
  }

  /**
   * Records that {@code connection} closes because {@code offered} bytes would pass {@code max}.
   */
  public static void backpressureClose(String connection, long queued, long offered, long max) {
    if (PRESENT) {
      BackpressureCloseEvent.record(connection, queued, offered, max);
    }
  }

  /** Records that a handler for {@code type} has held {@code loop} for {@code heldNanos}. */
  public static void slowHandler(
      String endpoint, String type, String loop, long heldNanos, String where) {
    if (PRESENT) {
      SlowHandlerEvent.record(endpoint, type, loop, heldNanos, where);
    }
  }

  /** Records that request {@code id} of {@code type} to {@code peer} timed out. */
  public static void requestTimeout(
      String peer, String type, long id, long timeoutNanos, long waitedNanos) {
    if (PRESENT) {
      RequestTimeoutEvent.record(peer, type, id, timeoutNanos, waitedNanos);
    }
  }
}
