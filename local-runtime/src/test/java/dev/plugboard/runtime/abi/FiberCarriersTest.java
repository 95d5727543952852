package dev.plugboard.runtime.abi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Carriers of fibers are reused: a second fiber runs on the thread the first one left idle. */
class FiberCarriersTest {
  @Test
  void anIdleCarrierTakesTheNextFiber() throws Exception {
    CompletableFuture<Thread> first = new CompletableFuture<>();
    FiberCarriers.start(() -> first.complete(Thread.currentThread()));
    Thread t1 = first.get();
    while (FiberCarriers.idle() == 0 || t1.getName().equals(FiberCarriers.BUSY)) {
      Thread.onSpinWait(); // the carrier goes back to the pool just after the body returns
    }
    CompletableFuture<Thread> second = new CompletableFuture<>();
    Thread t2 = FiberCarriers.start(() -> second.complete(Thread.currentThread()));
    assertThat(second.get()).isSameAs(t2).isSameAs(t1);
  }

  @Test
  void aFiberRunsOnACarrierWithItsOwnName() throws Exception {
    CompletableFuture<String> name = new CompletableFuture<>();
    FiberCarriers.start(() -> name.complete(Thread.currentThread().getName()));
    assertThat(name.get()).isEqualTo(FiberCarriers.BUSY);
  }
}
