package io.signalbox.app.usage;

import io.signalbox.event.RequestEvent;
import io.signalbox.event.RequestListener;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Usage of this app run, from the proxy's request events: one record per finished request.
 * Tokens and cost stay unknown (null) — events do not carry them.
 */
public final class InMemoryUsageSource implements UsageSource, RequestListener {
    private final Clock clock;
    private final List<UsageRecord> records = new ArrayList<>();
    private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();

    public InMemoryUsageSource(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void onEvent(RequestEvent e) {
        if (!e.isTerminal() || e.profile() == null) {
            return;
        }
        String model = e.upstreamModel() != null ? e.upstreamModel() : e.requestedModel();
        add(new UsageRecord(clock.instant(), e.profile(), model == null ? "(none)" : model, null, null, null,
                e.kind() == RequestEvent.Kind.FAILED || e.status() >= 400));
    }

    public void add(UsageRecord r) {
        synchronized (records) {
            records.add(r);
        }
        listeners.forEach(Runnable::run);
    }

    @Override
    public List<UsageRecord> records(Instant from, Instant to) {
        synchronized (records) {
            return records.stream().filter(r -> !r.at().isBefore(from) && r.at().isBefore(to))
                    .sorted(java.util.Comparator.comparing(UsageRecord::at)).toList();
        }
    }

    @Override
    public AutoCloseable onChange(Runnable onChange) {
        listeners.add(onChange);
        return () -> listeners.remove(onChange);
    }
}
