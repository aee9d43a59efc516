package io.jipc.examples.requests;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.examples.Transcript;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PricesExampleTest {
  @TempDir Path dir;

  @Test
  void theClientGetsThePriceAndTheServersErrorCode() throws Exception {
    Transcript out = new Transcript();
    assertThat(Prices.run(dir, out.out())).isEqualTo(3L);
    assertThat(out.lines()).containsExactly("tea costs 3", "E_UNKNOWN_ITEM: we sell no coffee");
  }
}
