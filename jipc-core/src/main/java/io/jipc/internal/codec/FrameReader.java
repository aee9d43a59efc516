package io.jipc.internal.codec;

import io.jipc.IpcProtocolException;
import java.util.Arrays;

/**
 * Splits a byte stream into frames on a delimiter, across any read boundaries.
 *
 * <pre>
 * stream:   {"type":"a","data":1} 0C {"type":"b","data":2} 0C {"type":"c","da
 *           |<------ frame ------>|    |<------ frame ------>|    |<- partial ->
 * </pre>
 *
 * <p>Every complete frame in a read is handed to the sink at once, in order; frames that lie
 * entirely inside one read are passed without copying. The unterminated rest is kept, and only the
 * bytes after it are scanned when more arrive, so a frame arriving in many reads costs O(n). A
 * multi-byte delimiter may be split between reads.
 *
 * <p>Limits fail at the earliest byte: as soon as a frame, or the unterminated rest of one, exceeds
 * {@code maxFrameBytes} (delimiter excluded), {@link #feed} throws {@code ERR_IPC_FRAME_TOO_LARGE}
 * without buffering more. Not thread-safe: one reader per connection.
 */
public final class FrameReader {
  private static final byte[] NONE = {};
  private static final int KEEP_CAPACITY = 64 * 1024;

  /** Receives complete frames; the bytes are valid only during the call. */
  @FunctionalInterface
  public interface Sink {
    /** Handles one frame, delimiter excluded. */
    void frame(byte[] buf, int off, int len) throws IpcProtocolException;
  }

  private final byte[] delimiter;
  private final int maxFrameBytes;
  private final String source;
  private byte[] partial = NONE;
  private int partialLength;

  /**
   * Creates a reader.
   *
   * @param delimiter the frame terminator, non-empty
   * @param maxFrameBytes the largest frame accepted, delimiter excluded
   * @param source names the peer in error messages
   */
  public FrameReader(byte[] delimiter, int maxFrameBytes, String source) {
    if (delimiter.length == 0) {
      throw new IllegalArgumentException("delimiter must not be empty");
    }
    this.delimiter = delimiter.clone();
    this.maxFrameBytes = maxFrameBytes;
    this.source = source;
  }

  /** Returns true when the bytes received so far end inside a frame. */
  public boolean hasPartial() {
    return partialLength > 0;
  }

  /**
   * Lets go of the buffer of the last partial frame when no frame is partial now, so that a quiet
   * source holds no buffer; the next partial frame allocates one again.
   */
  public void releaseIdle() {
    if (partialLength == 0) {
      partial = NONE;
    }
  }

  /**
   * Consumes {@code len} bytes, handing each completed frame to {@code sink}.
   *
   * @throws IpcProtocolException if a frame exceeds the limit, or whatever {@code sink} throws; the
   *     reader must not be used afterwards
   */
  public void feed(byte[] buf, int off, int len, Sink sink) throws IpcProtocolException {
    int end = off + len;
    int pos = partialLength > 0 ? completePartial(buf, off, end, sink) : off;
    if (pos < 0) {
      return;
    }
    while (pos < end) {
      int at = indexOf(buf, pos, end);
      if (at < 0) {
        break;
      }
      checkSize(at - pos);
      sink.frame(buf, pos, at - pos);
      pos = at + delimiter.length;
    }
    if (pos < end) {
      append(buf, pos, end - pos);
    }
  }

  /** Continues the buffered frame; returns where scanning resumes in buf, or -1 if all consumed. */
  private int completePartial(byte[] buf, int off, int end, Sink sink) throws IpcProtocolException {
    if (delimiter.length > 1) {
      int resume = completeStraddling(buf, off, end, sink);
      if (resume >= 0) {
        return resume;
      }
    }
    int at = indexOf(buf, off, end);
    if (at < 0) {
      append(buf, off, end - off);
      return -1;
    }
    append(buf, off, at - off);
    emitPartial(partialLength, sink);
    return at + delimiter.length;
  }

  /** Handles a delimiter that began in the buffered bytes and ends in buf; -1 if there is none. */
  private int completeStraddling(byte[] buf, int off, int end, Sink sink)
      throws IpcProtocolException {
    int d = delimiter.length;
    for (int inPartial = Math.min(d - 1, partialLength); inPartial >= 1; inPartial--) {
      int inBuf = d - inPartial;
      if (end - off >= inBuf
          && regionMatches(partial, partialLength - inPartial, 0, inPartial)
          && regionMatches(buf, off, inPartial, inBuf)) {
        emitPartial(partialLength - inPartial, sink);
        return off + inBuf;
      }
    }
    return -1;
  }

  private void emitPartial(int frameLength, Sink sink) throws IpcProtocolException {
    checkSize(frameLength);
    partialLength = 0;
    byte[] frame = partial;
    if (partial.length > KEEP_CAPACITY) {
      partial = NONE;
    }
    sink.frame(frame, 0, frameLength);
  }

  private boolean regionMatches(byte[] buf, int at, int delimiterFrom, int count) {
    for (int i = 0; i < count; i++) {
      if (buf[at + i] != delimiter[delimiterFrom + i]) {
        return false;
      }
    }
    return true;
  }

  private int indexOf(byte[] buf, int from, int end) {
    byte first = delimiter[0];
    int d = delimiter.length;
    if (d == 1) {
      for (int i = from; i < end; i++) {
        if (buf[i] == first) {
          return i;
        }
      }
      return -1;
    }
    for (int i = from; i <= end - d; i++) {
      if (buf[i] == first && regionMatches(buf, i + 1, 1, d - 1)) {
        return i;
      }
    }
    return -1;
  }

  private void append(byte[] buf, int off, int len) throws IpcProtocolException {
    long total = (long) partialLength + len;
    // Too large even if its last bytes begin a delimiter: refuse before buffering anything.
    checkSize(total - (delimiter.length - 1));
    if (total > partial.length) {
      long grown = Math.max(total, Math.min((long) partial.length * 2, maxFrameBytes + 16L));
      partial = Arrays.copyOf(partial, (int) Math.max(grown, 256));
    }
    System.arraycopy(buf, off, partial, partialLength, len);
    partialLength = (int) total;
    // Bytes that begin a delimiter split between reads are not part of the frame.
    checkSize(total - delimiterPrefixAtEnd());
  }

  /** Returns how many of the buffered rest's last bytes are a proper prefix of the delimiter. */
  private int delimiterPrefixAtEnd() {
    for (int k = Math.min(delimiter.length - 1, partialLength); k > 0; k--) {
      if (regionMatches(partial, partialLength - k, 0, k)) {
        return k;
      }
    }
    return 0;
  }

  private void checkSize(long bytes) throws IpcProtocolException {
    if (bytes > maxFrameBytes) {
      throw new IpcProtocolException(
          IpcProtocolException.FRAME_TOO_LARGE,
          "message from "
              + source
              + " exceeds maxMessageSize ("
              + maxFrameBytes
              + " bytes): "
              + bytes
              + " bytes without a delimiter so far");
    }
  }
}
