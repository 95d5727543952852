package dev.plugboard.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The guest's output as it is written: decoded, in order, batched, and bounded. */
class GuestOutputTest {
  @Test
  void bothStreamsComeOutInTheOrderWrittenAndTheReaderIsWokenOncePerBatch() throws Exception {
    GuestOutput o = new GuestOutput();
    AtomicInteger wakes = new AtomicInteger();
    o.onPending(wakes::incrementAndGet);
    o.stdout().write("one ".getBytes(StandardCharsets.UTF_8));
    o.stdout().write("two\n".getBytes(StandardCharsets.UTF_8));
    o.stderr().write("oops\n".getBytes(StandardCharsets.UTF_8));
    o.stdout().write("three\n".getBytes(StandardCharsets.UTF_8));
    assertThat(wakes).hasValue(1);
    assertThat(o.drain()).containsExactly(new GuestOutput.Chunk(false, "one two\n"), new GuestOutput.Chunk(true, "oops\n"),
        new GuestOutput.Chunk(false, "three\n"));
    assertThat(o.drain()).isEmpty();
    o.stderr().write('x');
    assertThat(wakes).hasValue(2);
    assertThat(o.takeTail()).isEqualTo("one two\noops\nthree\nx");
    assertThat(o.takeTail()).isEmpty();
  }

  @Test
  void aCharacterSplitAcrossWritesIsDecodedWhole() throws Exception {
    GuestOutput o = new GuestOutput();
    byte[] bytes = "é→😀".getBytes(StandardCharsets.UTF_8);
    for (byte b : bytes) {
      o.stdout().write(b);
    }
    assertThat(String.join("", o.drain().stream().map(GuestOutput.Chunk::text).toList())).isEqualTo("é→😀");
    o.stdout().write(new byte[] {(byte) 0xff, 'a'});
    assertThat(o.drain()).containsExactly(new GuestOutput.Chunk(false, "\ufffda"));
  }

  @Test
  void anEndlessWriterDropsTheOldestPendingTextAndSaysSo() throws Exception {
    GuestOutput o = new GuestOutput();
    byte[] line = "0123456789abcdef\n".getBytes(StandardCharsets.UTF_8);
    long written = 0;
    for (int i = 0; i < 100_000; i++) {
      (i % 2 == 0 ? o.stdout() : o.stderr()).write(line);
      written += line.length;
    }
    List<GuestOutput.Chunk> chunks = o.drain();
    int kept = chunks.stream().skip(1).mapToInt(c -> c.text().length()).sum();
    assertThat(kept).isBetween(GuestOutput.MAX_PENDING_CHARS / 2, GuestOutput.MAX_PENDING_CHARS);
    assertThat(chunks.getFirst().stderr()).isTrue();
    assertThat(chunks.getFirst().text()).startsWith("[… " + (written - kept) + " characters of output dropped");
    assertThat(chunks.getLast().text()).endsWith("0123456789abcdef\n");
    String tail = o.takeTail();
    assertThat(tail).startsWith("[… " + (written - GuestOutput.MAX_TAIL_CHARS) + " characters before …]\n");
    assertThat(tail.length()).isLessThan(GuestOutput.MAX_TAIL_CHARS + 100);
  }
}
