package dev.blackbox.plumbing.processing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Spreads the segments of every streaming processor over the instances running it.
 *
 * <p>A pooled streaming processor claims every unclaimed segment it finds, so the first instance to
 * start would do all the work and a second one would idle until the first dies. Axon Server balances
 * claims itself; with the JDBC token store nobody does. So every instance periodically records in
 * {@code processor_node} that it runs a processor, and when it holds more than its share
 * ({@code ceil(segments / live instances)}) while another live instance holds less, it releases the
 * surplus for a while; the other instance's processor then claims it. An instance that stops removes
 * its entries, and one that dies stops refreshing them, so the survivors' shares grow and they keep
 * the segments they take over.
 */
class SegmentBalancer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    /** An instance that has not refreshed its entry for this many intervals is considered gone. */
    private static final int MISSED_INTERVALS_BEFORE_GONE = 3;

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final TokenSchema tokens;
    private final ProcessingProperties properties;
    private ScheduledExecutorService scheduler;

    SegmentBalancer(EventProcessingConfiguration processing, JdbcTemplate jdbc, TokenSchema tokens,
            ProcessingProperties properties) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.tokens = tokens;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "segment-balancer");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.rebalanceInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::balanceAll, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        scheduler.shutdownNow();
        try {
            // A round still running could otherwise announce us again after we signed off.
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler = null;
        try {
            // Leaving at once lets the others count without us before our claims would time out.
            jdbc.update("DELETE FROM processor_node WHERE node_id = ?", properties.nodeId());
        } catch (DataAccessException e) {
            log.warn("could not sign off from processor_node; the others will count us as gone after {}",
                    properties.rebalanceInterval().multipliedBy(MISSED_INTERVALS_BEFORE_GONE), e);
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    private void balanceAll() {
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming && streaming.isRunning()) {
                try {
                    balance(name, streaming);
                } catch (RuntimeException e) {
                    // A failed round changes nothing; the next one starts from the database again.
                    log.warn("could not balance the segments of processor {}", name, e);
                }
            }
        });
    }

    private void balance(String name, StreamingEventProcessor processor) {
        long now = System.currentTimeMillis();
        announce(name, now);
        long freshSince = now - MISSED_INTERVALS_BEFORE_GONE * properties.rebalanceInterval().toMillis();
        List<String> live = jdbc.queryForList(
                "SELECT node_id FROM processor_node WHERE processor_name = ? AND last_seen_millis >= ?",
                String.class, name, freshSince);
        Map<String, Integer> claimed = new HashMap<>();
        int segments = 0;
        for (Map<String, Object> row : jdbc.queryForList("SELECT " + tokens.ownerColumn() + " AS owner FROM "
                + tokens.tokenTable() + " WHERE " + tokens.processorNameColumn() + " = ?", name)) {
            segments++;
            Object owner = row.get("owner");
            if (owner != null) {
                claimed.merge(owner.toString(), 1, Integer::sum);
            }
        }
        if (segments == 0 || live.isEmpty()) {
            return;
        }
        int share = (segments + live.size() - 1) / live.size();
        int wanted = 0;
        for (String node : live) {
            if (!node.equals(properties.nodeId())) {
                wanted += Math.max(0, share - claimed.getOrDefault(node, 0));
            }
        }
        Set<Integer> mine = processor.processingStatus().keySet();
        int surplus = Math.min(mine.size() - share, wanted);
        if (surplus <= 0) {
            return;
        }
        long holdOff = properties.handOverTime().toMillis();
        mine.stream().sorted((a, b) -> b - a).limit(surplus).forEach(segment -> {
            log.info("releasing segment {} of processor {} to another instance", segment, name);
            processor.releaseSegment(segment, holdOff, TimeUnit.MILLISECONDS);
        });
    }

    private void announce(String name, long now) {
        int updated = jdbc.update(
                "UPDATE processor_node SET last_seen_millis = ? WHERE processor_name = ? AND node_id = ?",
                now, name, properties.nodeId());
        if (updated == 0) {
            jdbc.update("INSERT INTO processor_node (processor_name, node_id, last_seen_millis) VALUES (?, ?, ?)",
                    name, properties.nodeId(), now);
        }
    }
}
