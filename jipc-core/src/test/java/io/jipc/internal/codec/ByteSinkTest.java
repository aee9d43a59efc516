package io.jipc.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteSinkTest {
  @Test
  void growsFromZeroCapacityAndKeepsEveryByte() {
    ByteSink sink = new ByteSink(0);
    for (int i = 0; i < 1000; i++) {
      sink.write(i);
    }
    sink.write(new byte[] {1, 2, 3, 4}, 1, 2);
    sink.writeAscii("ok");

    byte[] bytes = sink.toByteArray();
    assertThat(sink.size()).isEqualTo(1004);
    assertThat(bytes).hasSize(1004);
    assertThat(bytes[255]).isEqualTo((byte) 255);
    assertThat(bytes[256]).isEqualTo((byte) 0);
    assertThat(bytes).endsWith(2, 3, 'o', 'k');
    assertThat(sink.array().length).isGreaterThanOrEqualTo(1004);
  }

  @Test
  void writeAsciiRejectsNonAsciiAndKeepsNothingOfIt() {
    ByteSink sink = new ByteSink(4);
    sink.writeAscii("a");

    assertThatThrownBy(() -> sink.writeAscii("bé")).isInstanceOf(IllegalArgumentException.class);
    assertThat(sink.toByteArray()).containsExactly('a');
  }

  @Test
  void writingPastTheLimitThrowsAtTheFirstExtraByte() {
    ByteSink sink = new ByteSink(2);
    sink.limit(10);
    sink.writeAscii("0123456789");

    assertThatThrownBy(() -> sink.write('x'))
        .isInstanceOfSatisfying(
            ByteSink.OverflowException.class, e -> assertThat(e.limit()).isEqualTo(10))
        .hasMessageContaining("10 bytes");
    assertThat(sink.size()).isEqualTo(10);
    assertThat(sink.array()).hasSizeLessThanOrEqualTo(10);
  }

  @Test
  void reservingPastTheLimitThrowsBeforeAllocating() {
    ByteSink sink = new ByteSink(0);
    sink.limit(100);
    sink.ensureCapacity(100);

    assertThatThrownBy(() -> sink.ensureCapacity(101))
        .isInstanceOf(ByteSink.OverflowException.class);
    assertThatThrownBy(() -> sink.write(new byte[101], 0, 101))
        .isInstanceOf(ByteSink.OverflowException.class);
    assertThat(sink.size()).isZero();
  }

  @Test
  void resetForgetsBytesButKeepsTheLimit() {
    ByteSink sink = new ByteSink(8);
    sink.limit(3);
    sink.writeAscii("abc");
    sink.reset();
    sink.writeAscii("xyz");

    assertThat(sink.toByteArray()).containsExactly('x', 'y', 'z');
    assertThat(sink.limit()).isEqualTo(3);
    assertThatThrownBy(() -> sink.write(0)).isInstanceOf(ByteSink.OverflowException.class);
  }

  @Test
  void rejectsBadArguments() {
    ByteSink sink = new ByteSink(1);

    assertThatThrownBy(() -> new ByteSink(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sink.limit(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sink.limit(Integer.MAX_VALUE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sink.write(new byte[2], 1, 2))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> sink.write(new byte[2], -1, 1))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }
}
