package io.jipc.internal;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The senders a UDP endpoint knows: at most {@code maxUdpPeers}, each until it has been silent for
 * {@code udpPeerTimeout}. Peers are kept in the order they were last heard from, least recent
 * first, so whether anyone has expired is a look at the head, and a sender new to a full table is
 * admitted only if the head has expired: O(1), whatever the flood.
 *
 * <p>Expired peers leave lazily: up to {@value #EVICT_BATCH} per datagram received, all of them
 * when the peers are listed, and all of them when the endpoint's periodic sweep runs. A peer heard
 * from after expiring but before leaving is replaced by a new one, so a stale partial frame never
 * joins fresh bytes. Thread-safe: every method holds the table's lock, briefly and without I/O.
 */
final class PeerTable {
  private static final int EVICT_BATCH = 64;

  private final int max;
  private final long ttlNanos;
  private final Datagrams datagrams;
  // Access order: the get() on each datagram moves its sender to the tail. Guarded by this.
  private final LinkedHashMap<InetSocketAddress, UdpPeer> peers =
      new LinkedHashMap<>(16, 0.75f, true);
  private long admitted; // Guarded by this.
  private boolean closed; // Guarded by this.

  PeerTable(int max, long ttlNanos, Datagrams datagrams) {
    this.max = max;
    this.ttlNanos = ttlNanos;
    this.datagrams = datagrams;
  }

  /**
   * Returns the peer that sent a datagram received at {@code now}, admitting {@code from} if it is
   * new; null if the table is full of live peers or closed.
   */
  synchronized UdpPeer heardFrom(InetSocketAddress from, long now) {
    if (closed) {
      return null;
    }
    UdpPeer peer = peers.get(from);
    if (peer != null) {
      if (!expired(peer.heardAt(), now)) {
        peer.heard(now);
        return peer;
      }
      peers.remove(from);
      peer.removed();
    }
    evictExpired(now, EVICT_BATCH);
    if (peers.size() >= max) {
      return null;
    }
    peer = new UdpPeer(from, ++admitted, now, this, datagrams);
    peers.put(from, peer);
    return peer;
  }

  /** Returns how many peers this table ever admitted. */
  synchronized long admitted() {
    return admitted;
  }

  /** Returns true when a peer last heard at {@code heardAt} has been silent too long. */
  boolean expired(long heardAt, long now) {
    return now - heardAt >= ttlNanos;
  }

  /** Removes {@code peer} if it is still in the table. Idempotent. */
  synchronized void remove(UdpPeer peer) {
    peers.remove(peer.address(), peer); // the two-argument remove does not reorder
    peer.removed();
  }

  /** Removes the expired peers and returns the others in the order they were admitted. */
  synchronized List<UdpPeer> live(long now) {
    evictExpired(now, Integer.MAX_VALUE);
    List<UdpPeer> snapshot = new ArrayList<>(peers.values());
    snapshot.sort(Comparator.comparingLong(UdpPeer::order));
    return snapshot;
  }

  /** Removes up to {@code limit} expired peers, least recently heard first. */
  synchronized void evictExpired(long now, int limit) {
    Iterator<UdpPeer> oldestFirst = peers.values().iterator();
    for (int removed = 0; removed < limit && oldestFirst.hasNext(); removed++) {
      UdpPeer head = oldestFirst.next();
      if (!expired(head.heardAt(), now)) {
        return;
      }
      oldestFirst.remove();
      head.removed();
    }
  }

  /** Empties the table for good: later datagrams find no peer. */
  synchronized void close() {
    closed = true;
    peers.values().forEach(UdpPeer::removed);
    peers.clear();
  }
}
