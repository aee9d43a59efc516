package io.jipc.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A connection got past its handshake: the {@code connect} handlers run next. */
@Name("io.jipc.Connect")
@Label("Connect")
@Category("jipc")
@Description("A connection got past its handshake (after TLS, if any)")
@StackTrace(false)
final class ConnectEvent extends jdk.jfr.Event {
  @Label("Connection")
  @Description("The socket or client, as jipc names it in messages")
  String connection;

  @Label("Remote Address")
  String remoteAddress;

  static void record(String connection, Object remoteAddress) {
    ConnectEvent event = new ConnectEvent();
    if (event.isEnabled()) {
      event.connection = connection;
      event.remoteAddress = String.valueOf(remoteAddress);
      event.commit();
    }
  }
}
