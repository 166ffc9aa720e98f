package io.signalbox.usage;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes rows off the request path: a bounded queue, one writer thread, a transaction per batch.
 * While the database is locked or failing, the batch waits and is retried (with back-off); when
 * the queue is full the row is counted as lost — the count is kept in memory ({@link #lost()})
 * and stored per day in {@code usage_gap} with the next batch that succeeds. Never silent.
 */
final class UsageWriter implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(UsageWriter.class.getName());
    static final int BATCH = 500;
    /**
     * After the first row of a batch the writer waits this long for more before writing: under load
     * a batch then holds many rows (one commit), and while the writer waits or writes, queuing a row
     * wakes no thread — a wake-up per request would cost the request path a context switch.
     */
    static final long LINGER_MILLIS = 25;
    /**
     * Rows inserted between two yields of the CPU (same transaction): a batch is written in slices
     * of ~0.1 ms, so on a busy core a request thread waiting to run waits for one slice, not for
     * the whole batch (measured: without it, the concurrency-1 latency had a 0.5–1 ms tail every
     * 25 ms). Only while fewer than {@link #BATCH} rows wait: on a saturated core, yielding after
     * every slice let the queue overflow (a third of the rows lost in 30 s of ~7,000 requests/s on one
     * core); with a backlog the writer writes its batch through.
     */
    static final int CHUNK = 16;
    private static final String INSERT = "INSERT INTO usage_request (uid, ts, day, profile, client, endpoint,"
            + " requested_model, upstream_model, response_model, status, error_class, streamed, complete, latency_ms,"
            + " ttft_ms, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cache_write_1h_tokens,"
            + " reasoning_tokens, cost_usd, session_id, failover_hops)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (uid) DO NOTHING";
    private static final String GAP = "INSERT INTO usage_gap (day, lost) VALUES (?, ?)"
            + " ON CONFLICT (day) DO UPDATE SET lost = usage_gap.lost + excluded.lost";

    private final UsageDb db;
    private final Supplier<String> today;
    private final ArrayBlockingQueue<UsageRow> queue;
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong lostUnstored = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final Thread thread;
    private final Runnable yielder;
    private volatile boolean closing;
    private volatile long giveUpAtNanos = Long.MAX_VALUE;
    private volatile String lastError;
    private Connection conn;
    /** The insert, prepared once per connection and kept open across batches. */
    private PreparedStatement insert;
    private volatile List<UsageRow> writing = List.of();

    UsageWriter(UsageDb db, int capacity, Supplier<String> today) {
        this(db, capacity, today, Thread::yield);
        start();
    }

    /** Not started yet ({@link #start()}); {@code yielder} is called where the writer gives way to requests. */
    UsageWriter(UsageDb db, int capacity, Supplier<String> today, Runnable yielder) {
        this.db = db;
        this.today = today;
        this.yielder = yielder;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = Thread.ofPlatform().daemon().name("signalbox-usage-writer").unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** Queues a row; never blocks. False (and counted as lost) when the queue is full. */
    boolean offer(UsageRow row) {
        if (!closing && queue.offer(row)) {
            accepted.incrementAndGet();
            return true;
        }
        lost.incrementAndGet();
        lostUnstored.incrementAndGet();
        return false;
    }

    /** Rows that could not be recorded since start (queue overflow, or still unwritten at shutdown). */
    long lost() {
        return lost.get();
    }

    /** A snapshot of the rows not yet in the database (queued or being written). */
    List<UsageRow> unwritten() {
        List<UsageRow> out = new ArrayList<>(writing);
        out.addAll(queue);
        return out;
    }

    /** Rows waiting to be written. */
    int pending() {
        return (int) (accepted.get() - done.get());
    }

    /** The last database error while retrying (null when the last batch succeeded). */
    String lastError() {
        return lastError;
    }

    long failedAttempts() {
        return failures.get();
    }

    /** Waits until every row queued so far is written (or lost); false on timeout. */
    boolean flush(Duration timeout) throws InterruptedException {
        long target = accepted.get();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (done.get() < target) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    private void run() {
        List<UsageRow> batch = new ArrayList<>(BATCH);
        while (true) {
            try {
                UsageRow first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing && queue.isEmpty()) {
                        break;
                    }
                    if (lostUnstored.get() > 0) {
                        writeWithRetry(batch);
                    }
                    continue;
                }
                batch.add(first);
                if (!closing && queue.size() < BATCH - 1) {
                    Thread.sleep(LINGER_MILLIS);
                }
                queue.drainTo(batch, BATCH - 1);
                writeWithRetry(batch);
                batch.clear();
            } catch (InterruptedException e) {
                break;
            }
        }
        closeConnection();
    }

    private void writeWithRetry(List<UsageRow> batch) throws InterruptedException {
        writing = List.copyOf(batch);
        try {
            retry(batch);
        } finally {
            writing = List.of();
        }
    }

    private void retry(List<UsageRow> batch) throws InterruptedException {
        long backoff = 50;
        while (true) {
            try {
                write(batch);
                done.addAndGet(batch.size());
                if (lastError != null) {
                    LOG.info("usage database writable again; " + batch.size() + " waiting rows written");
                    lastError = null;
                }
                return;
            } catch (SQLException e) {
                failures.incrementAndGet();
                closeConnection();
                if (lastError == null) {
                    LOG.log(Level.WARNING, "usage database " + db.describe() + " not writable (" + e.getMessage()
                            + "); rows wait in memory and are retried");
                }
                lastError = e.getMessage();
                if (System.nanoTime() > giveUpAtNanos) {
                    lost.addAndGet(batch.size());
                    done.addAndGet(batch.size());
                    LOG.warning(batch.size() + " usage rows were not recorded: the database stayed unwritable"
                            + " until shutdown (" + e.getMessage() + ")");
                    return;
                }
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, 1000);
            }
        }
    }

    private void write(List<UsageRow> batch) throws SQLException {
        if (conn == null) {
            conn = db.connect();
            conn.setAutoCommit(false);
        }
        try {
            if (!batch.isEmpty()) {
                if (insert == null) {
                    insert = conn.prepareStatement(INSERT);
                }
                int n = 0;
                for (UsageRow r : batch) {
                    bind(insert, r);
                    insert.addBatch();
                    if (++n % CHUNK == 0) {
                        insert.executeBatch();
                        // A request that arrived meanwhile runs now, not after the whole batch — but
                        // only while the writer keeps up: with a batch's worth of rows already waiting
                        // (a saturated CPU), each yield would cost a scheduler slice and the queue would
                        // overflow, losing rows.
                        if (queue.size() < BATCH) {
                            yielder.run();
                        }
                    }
                }
                if (n % CHUNK != 0) {
                    insert.executeBatch();
                }
            }
            long gap = lostUnstored.get();
            if (gap > 0) {
                try (PreparedStatement ps = conn.prepareStatement(GAP)) {
                    ps.setString(1, today.get());
                    ps.setLong(2, gap);
                    ps.executeUpdate();
                }
            }
            conn.commit();
            lostUnstored.addAndGet(-gap);
        } catch (SQLException e) {
            try {
                if (insert != null) {
                    insert.clearBatch();
                }
                conn.rollback();
            } catch (SQLException ignored) {
                // the connection is dropped next
            }
            throw e;
        }
    }

    private static void bind(PreparedStatement ps, UsageRow r) throws SQLException {
        int i = 1;
        ps.setString(i++, r.uid());
        ps.setLong(i++, r.timeMillis());
        ps.setString(i++, r.day());
        ps.setString(i++, r.profile());
        ps.setString(i++, r.client());
        ps.setString(i++, r.endpoint());
        ps.setString(i++, r.requestedModel());
        ps.setString(i++, r.upstreamModel());
        ps.setString(i++, r.responseModel());
        ps.setInt(i++, r.status());
        ps.setString(i++, r.errorClass());
        ps.setInt(i++, r.streamed() ? 1 : 0);
        ps.setInt(i++, r.complete() ? 1 : 0);
        ps.setLong(i++, r.latencyMs());
        setLong(ps, i++, r.ttftMs());
        setLong(ps, i++, r.inputTokens());
        setLong(ps, i++, r.outputTokens());
        setLong(ps, i++, r.cacheReadTokens());
        setLong(ps, i++, r.cacheWriteTokens());
        setLong(ps, i++, r.cacheWrite1hTokens());
        setLong(ps, i++, r.reasoningTokens());
        BigDecimal cost = r.costUsd();
        ps.setString(i++, cost == null ? null : cost.toPlainString());
        ps.setString(i++, r.sessionId());
        ps.setInt(i, r.failoverHops());
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    private void closeConnection() {
        if (insert != null) {
            try {
                insert.close();
            } catch (SQLException ignored) {
                // the connection is closed next
            }
            insert = null;
        }
        if (conn != null) {
            try {
                conn.close();
            } catch (SQLException ignored) {
                // already broken
            }
            conn = null;
        }
    }

    /** Stops taking rows, writes what is queued (retrying for up to {@code grace}), then stops. */
    void close(Duration grace) {
        closing = true;
        giveUpAtNanos = System.nanoTime() + grace.toNanos();
        try {
            thread.join(grace.plusSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
        }
        int left = queue.size();
        if (left > 0) {
            lost.addAndGet(left);
            LOG.warning(left + " usage rows were not recorded at shutdown");
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
