import io.taskbridge.sync.Poller;
import io.taskbridge.testing.Databases;
import io.taskbridge.testing.FakeSlack;
import io.taskbridge.testing.FakeWorkiva;
import io.taskbridge.testing.RunningService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Scenario 4: one poll cycle of the Workiva connection against the test fake (in this JVM, on
 * loopback HTTP) holding {@code TASKS} tasks, of which {@code CHANGED} changed since the cursor. The
 * service is the real one (RunningService: Taskbridge.start with a fresh store and a fake Slack).
 * The first poll, which copies every task into the store, is set-up and reported separately.
 * Then {@code POLLS} measured polls, each after editing {@code CHANGED} other random tasks, and one
 * poll with nothing changed. Requests = every request the fake saw during the poll (token included).
 * Usage: {@code PollBench TASKS CHANGED POLLS KIND}.
 */
public final class PollBench {
    public static void main(String[] args) throws Exception {
        int total = Integer.parseInt(args[0]);
        int changed = Integer.parseInt(args[1]);
        int polls = Integer.parseInt(args[2]);
        Databases.Kind kind = Databases.Kind.valueOf(args.length > 3 ? args[3] : "SQLITE");
        try (FakeWorkiva fake = new FakeWorkiva()) {
            List<String> ids = new ArrayList<>(total);
            for (int i = 0; i < total; i++) {
                ids.add(fake.seed("Task " + i, i % 3 == 0 ? "Started" : "Created", "V" + (i % 200)).id);
            }
            Map<String, String> env = Map.of("WORKIVA_BASE_URL", fake.baseUrl(), "WORKIVA_CLIENT_ID", FakeWorkiva.CLIENT_ID,
                    "WORKIVA_CLIENT_SECRET", FakeWorkiva.CLIENT_SECRET, "WORKIVA_API_VERSION", "2026-01-01",
                    "TASKBRIDGE_POLL_INTERVAL", "24h");
            try (RunningService svc = new RunningService(Databases.url(kind), env, List.of(), new FakeSlack())) {
                fake.clearSeen();
                long t0 = System.nanoTime();
                Poller.Report first = poll(svc);
                System.out.printf("POLL_FIRST kind=%s tasks=%d requests=%d pages=%d seen=%d changed=%d ms=%.0f ok=%s%n", kind,
                        total, fake.seen().size(), first.pages(), first.seen(), first.changed(),
                        (System.nanoTime() - t0) / 1e6, first.ok());
                Random random = new Random(7);
                for (int round = 0; round <= polls; round++) {
                    int edits = round == polls ? 0 : changed; // the last poll: nothing changed
                    java.util.Set<Integer> picked = new java.util.HashSet<>();
                    while (picked.size() < edits) {
                        picked.add(random.nextInt(total));
                    }
                    int r = round;
                    for (int k : picked) {
                        fake.edit(ids.get(k), t -> t.title = t.title + " r" + r);
                    }
                    fake.clearSeen();
                    long s = System.nanoTime();
                    Poller.Report report = poll(svc);
                    double ms = (System.nanoTime() - s) / 1e6;
                    long listCalls = fake.seen().stream().filter(x -> x.method().equals("GET") && x.path().equals("/tasks")).count();
                    System.out.printf("POLL kind=%s tasks=%d edited=%d requests=%d list_requests=%d pages=%d seen=%d changed=%d ms=%.1f ok=%s%n",
                            kind, total, edits, fake.seen().size(), listCalls, report.pages(), report.seen(), report.changed(),
                            ms, report.ok());
                }
            }
        }
        System.exit(0);
    }

    /** The scheduled first poll may be running at the same moment; yield to it, as WorkivaPollingTest does. */
    static Poller.Report poll(RunningService svc) throws InterruptedException {
        Poller.Report r = svc.service.pollNow("workiva");
        for (int i = 0; i < 600 && !r.ok() && r.failure().orElse("").contains("another poll"); i++) {
            Thread.sleep(100);
            r = svc.service.pollNow("workiva");
        }
        return r;
    }
}
