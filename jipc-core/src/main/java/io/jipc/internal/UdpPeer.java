package io.jipc.internal;

import io.jipc.IpcSocket;
import io.jipc.IpcStats;
import io.jipc.internal.codec.ByteSink;
import io.jipc.internal.codec.EventCodec;
import io.jipc.internal.codec.EventReader;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One sender of a UDP endpoint as its handlers see it: the socket for datagrams from and to one
 * address and port. It is open while it is in the endpoint's {@link PeerTable}: from its first
 * datagram until it has been silent for {@code udpPeerTimeout}, is closed, or the endpoint closes.
 * A datagram from the same address after that makes a new peer.
 *
 * <p>UDP has no connection, so nothing is ever queued: an emit sends one datagram at once, {@link
 * #flush()} is always complete and {@link #pendingBytes()} is 0; {@link #close()} only forgets the
 * peer (nothing goes on the wire). Thread-safe; the reassembly state is the endpoint loop's.
 */
final class UdpPeer implements IpcSocket {
  private static final CompletableFuture<Void> FLUSHED = CompletableFuture.completedFuture(null);

  private final InetSocketAddress address;
  private final String addressId;
  private final String label;
  private final long order;
  private final PeerTable table;
  private final Datagrams datagrams;
  private volatile long heardAt;
  private volatile boolean inTable = true;
  private volatile String claimedId;
  private EventReader reader; // The loop's only; null until needed.
  private final Meter received = new Meter(); // Written by the endpoint's loop alone.
  private final Meter sent = new Meter(); // Written by any sending thread, atomically.
  private final ErrorCounts errors = new ErrorCounts();

  UdpPeer(
      InetSocketAddress address, long order, long heardAt, PeerTable table, Datagrams datagrams) {
    this.address = address;
    this.addressId = idOf(address);
    this.label = addressId + " on " + datagrams.endpoint();
    this.order = order;
    this.heardAt = heardAt;
    this.table = table;
    this.datagrams = datagrams;
  }

  /**
   * Returns {@code address:port}, with the shortest IPv6 form in brackets ({@code [::1]:5000}), as
   * {@link io.jipc.Endpoint} prints addresses.
   */
  static String idOf(InetSocketAddress address) {
    InetAddress ip = address.getAddress();
    if (ip instanceof Inet6Address) {
      return "[" + compress(ip.getHostAddress()) + "]:" + address.getPort();
    }
    String host = ip != null ? ip.getHostAddress() : address.getHostString();
    return host + ":" + address.getPort();
  }

  /** Shortens Java's full IPv6 text (8 groups) as RFC 5952 does: the longest zero run is "::". */
  private static String compress(String full) {
    int percent = full.indexOf('%');
    String scope = percent < 0 ? "" : full.substring(percent);
    String[] groups = (percent < 0 ? full : full.substring(0, percent)).split(":");
    int bestStart = -1;
    int bestLength = 1; // a single zero group stays "0"
    for (int i = 0; i < groups.length; ) {
      int j = i;
      while (j < groups.length && groups[j].equals("0")) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    if (bestStart < 0) {
      return full;
    }
    List<String> all = Arrays.asList(groups);
    String head = String.join(":", all.subList(0, bestStart));
    String tail = String.join(":", all.subList(bestStart + bestLength, all.size()));
    return head + "::" + tail + scope;
  }

  InetSocketAddress address() {
    return address;
  }

  /** Names this peer in messages: {@code address:port on <endpoint>}. */
  String label() {
    return label;
  }

  /** Returns the order in which the table admitted this peer. */
  long order() {
    return order;
  }

  long heardAt() {
    return heardAt;
  }

  void heard(long now) {
    heardAt = now;
  }

  /** Marks this peer as removed from the table; emits return false from now on. */
  void removed() {
    inTable = false;
  }

  boolean inTable() {
    return inTable;
  }

  /** Names this peer by the {@code data.id} it sent, as {@code identifyPeer} asks. */
  void claimId(String id) {
    claimedId = id;
  }

  /** Returns the reassembly state; the endpoint's loop only. */
  EventReader reader() {
    return reader;
  }

  /** Sets the reassembly state; the endpoint's loop only. */
  void reader(EventReader reader) {
    this.reader = reader;
  }

  /** Returns {@code address:port} ({@code [::1]:5000} for IPv6), or the id claimed by the peer. */
  @Override
  public String id() {
    String claimed = claimedId;
    return claimed != null ? claimed : addressId;
  }

  /** Returns the sender's {@link InetSocketAddress}. */
  @Override
  public SocketAddress remoteAddress() {
    return address;
  }

  /** Returns true while this peer is in the table and has not been silent too long. */
  @Override
  public boolean isOpen() {
    return inTable && !table.expired(heardAt, System.nanoTime()) && datagrams.isOpen();
  }

  /**
   * Sends one event in one datagram to this peer.
   *
   * @return true if the operating system took the datagram; false if this peer or the endpoint is
   *     closed or the send buffer is full
   * @throws IllegalArgumentException if the profile refuses the event or it does not fit one
   *     datagram; nothing is sent
   */
  @Override
  public CompletableFuture<Object> request(String type, Object data) {
    return request(type, data, Duration.ZERO);
  }

  @Override
  public CompletableFuture<Object> request(String type, Object data, Duration timeout) {
    throw new UnsupportedOperationException(
        "requests need a stream endpoint (unix, tcp, tls); UDP has no connection: " + this);
  }

  @Override
  public boolean emit(String type, Object data) {
    ByteSink frame = datagrams.frame(type, data);
    return isOpen() && datagrams.send(frame.array(), frame.size(), address, this);
  }

  @Override
  public boolean emit(String type) {
    return emit(type, EventCodec.EMPTY_DATA);
  }

  @Override
  public boolean emit(byte[] bytes) {
    byte[] checked = datagrams.raw(bytes);
    return isOpen() && datagrams.send(checked, checked.length, address, this);
  }

  @Override
  public boolean write(String text) {
    byte[] bytes = datagrams.text(text);
    return isOpen() && datagrams.send(bytes, bytes.length, address, this);
  }

  /** Returns the datagrams and bytes received from this peer. */
  Meter received() {
    return received;
  }

  /** Returns the datagrams and bytes sent to this peer that the operating system took. */
  Meter sent() {
    return sent;
  }

  /** Returns the errors reported with this peer. */
  ErrorCounts errorCounts() {
    return errors;
  }

  /**
   * Returns this peer's datagrams and bytes each way and its errors; it counts as one connection,
   * open while it is in the table. Nothing is ever queued and UDP has no requests.
   */
  @Override
  public IpcStats stats() {
    return new IpcStats(
        new IpcStats.Connections(isOpen() ? 1 : 0, 1, 0),
        new IpcStats.Traffic(received.frames(), received.bytes()),
        new IpcStats.Traffic(sent.frames(), sent.bytes()),
        0,
        errors.snapshot(),
        new IpcStats.Requests(0, 0, 0, 0));
  }

  /** Returns a completed future: datagrams are handed to the operating system at once. */
  @Override
  public CompletableFuture<Void> flush() {
    return FLUSHED;
  }

  /** Returns 0: nothing is ever queued. */
  @Override
  public long pendingBytes() {
    return 0;
  }

  /** Removes this peer from the table; its partial frame is dropped. Idempotent. */
  @Override
  public void close() {
    table.remove(this);
  }

  @Override
  public String toString() {
    return "IpcSocket[" + label + "]";
  }
}
