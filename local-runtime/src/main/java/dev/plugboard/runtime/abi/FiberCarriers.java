package dev.plugboard.runtime.abi;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The platform threads that carry {@link Fiber}s, kept for reuse: every async call runs its
 * implicit thread on a fiber, and starting a thread with a large stack for each one cost more
 * than the call itself. A carrier runs one fiber body to its end, then waits (at most
 * {@link #KEEP_SECONDS} seconds, and only while fewer than {@link #MAX_IDLE} others wait) for
 * the next. Carriers are daemon threads with the large stack deep guest recursion needs.
 */
final class FiberCarriers {
  static final long STACK_BYTES = 16L << 20;
  static final int MAX_IDLE = 32;
  static final long KEEP_SECONDS = 30;
  /** The name of a carrier while it runs a fiber (a guest thread); idle ones are named apart. */
  static final String BUSY = "plugboard-guest-thread";
  static final String IDLE_NAME = "plugboard-idle-carrier";
  private static final ConcurrentLinkedDeque<Carrier> IDLE = new ConcurrentLinkedDeque<>();
  private static final AtomicInteger IDLE_COUNT = new AtomicInteger();

  private FiberCarriers() {}

  static int idle() {
    return IDLE_COUNT.get();
  }

  /** Runs {@code body} on an idle carrier, or on a new one; returns the carrier's thread. */
  static Thread start(Runnable body) {
    Carrier c;
    while ((c = IDLE.pollFirst()) != null) {
      IDLE_COUNT.decrementAndGet();
      if (c.take(body)) {
        return c.thread;
      }
    }
    c = new Carrier();
    c.take(body);
    c.thread.start();
    return c.thread;
  }

  private static final class Carrier implements Runnable {
    final Thread thread = new Thread(null, this, BUSY, STACK_BYTES);
    private final Semaphore work = new Semaphore(0);
    private Runnable body;
    /** Set once the carrier stopped waiting for work; it then takes none. */
    private boolean retired;

    Carrier() {
      thread.setDaemon(true);
    }

    /** Hands over a body; false if the carrier has just retired. */
    synchronized boolean take(Runnable r) {
      if (retired) {
        return false;
      }
      body = r;
      work.release();
      return true;
    }

    private synchronized boolean retireUnlessGiven() {
      if (work.tryAcquire()) {
        return false;
      }
      retired = true;
      return true;
    }

    @Override
    public void run() {
      work.acquireUninterruptibly();
      while (true) {
        Runnable r;
        synchronized (this) {
          r = body;
          body = null;
        }
        Thread.interrupted(); // an interrupt meant for the last fiber is not this one's
        thread.setName(BUSY);
        r.run();
        thread.setName(IDLE_NAME);
        if (IDLE_COUNT.get() >= MAX_IDLE) {
          return; // enough wait already (a bound, not exact); never offered, so never handed work
        }
        IDLE.addFirst(this);
        IDLE_COUNT.incrementAndGet();
        if (!awaitWork()) {
          return;
        }
      }
    }

    /** Waits for the next body; false when none came in time (the carrier then ends). */
    private boolean awaitWork() {
      try {
        if (work.tryAcquire(KEEP_SECONDS, TimeUnit.SECONDS)) {
          return true;
        }
      } catch (InterruptedException e) {
        // a stale interrupt: retire rather than spin
      }
      if (IDLE.remove(this)) {
        IDLE_COUNT.decrementAndGet();
      }
      return !retireUnlessGiven();
    }
  }
}
