package io.taskbridge;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded pools that run work after an ack or a webhook's 202. One instance per service: it
 * makes them, says whether all of them are idle (tests wait for that instead of sleeping), and
 * drains them at shutdown.
 */
final class WorkPools {
    private static final Logger log = LoggerFactory.getLogger(Taskbridge.class);

    private final List<ThreadPoolExecutor> pools = new ArrayList<>();
    private final List<AutoCloseable> resources;

    /** Pools are drained in {@code resources}' order, so before what was added after them (the database). */
    WorkPools(List<AutoCloseable> resources) {
        this.resources = resources;
    }

    /**
     * A bounded pool of daemon threads named {@code name-1}, {@code name-2}, ...: when its queue is
     * full, {@code execute} refuses instead of queueing forever.
     */
    synchronized ExecutorService pool(String name, int core, int max) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(core, max, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1_000), r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pools.add(pool);
        resources.add(() -> drain(pool));
        return pool;
    }

    /** True when no pool runs or holds a task. */
    synchronized boolean idle() {
        return pools.stream().allMatch(p -> p.getActiveCount() == 0 && p.getQueue().isEmpty());
    }

    /**
     * Closing stops new work and lets what is under way finish (up to ten seconds) before the
     * resources closed after it, the database among them, go away.
     */
    private static void drain(ExecutorService executor) throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
            log.warn("work still running after 10 s at shutdown; stopping it");
            executor.shutdownNow();
        }
    }
}
