package io.jipc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The table of waiting requests finds, removes and lists exactly what a map would. */
class WaitingTableTest {
  @Test
  void behavesAsAMapUnderRandomPutsAndRemovesInAnyOrder() {
    SplittableRandom random = new SplittableRandom(0x6a697063);
    PendingRequests.WaitingTable table = new PendingRequests.WaitingTable();
    Map<Long, PendingRequests.Waiting> reference = new HashMap<>();
    List<Long> live = new ArrayList<>();
    long nextId = 0;
    for (int step = 0; step < 200_000; step++) {
      if (live.isEmpty() || (live.size() < 5000 && random.nextInt(100) < 52)) {
        PendingRequests.Waiting request = new PendingRequests.Waiting(++nextId, "t", 0, 0, null);
        table.put(request);
        reference.put(request.id(), request);
        live.add(request.id());
      } else {
        int at = random.nextInt(live.size());
        long id = live.get(at);
        live.set(at, live.get(live.size() - 1));
        live.remove(live.size() - 1);
        assertThat(table.remove(id)).isSameAs(reference.remove(id));
      }
      if (step % 10_000 == 0) {
        assertThat(table.size()).isEqualTo(reference.size());
        assertThat(table.all()).containsExactlyInAnyOrderElementsOf(reference.values());
      }
    }
    assertThat(table.remove(nextId + 1)).isNull();
    table.clear();
    assertThat(table.size()).isZero();
    assertThat(table.all()).isEmpty();
  }
}
