package dev.blackbox.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Rewrites the words of a copied incident history so that the copies of a seeded store differ the
 * way real incidents do. Copies of one incident would all match every query and share every word,
 * which makes search rank thousands of equal hits and similar incidents compare identical documents;
 * here common words (the workload's queries among them) are frequent and most words are rare.
 */
final class SeedText {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z");

    /** Words an SRE writes often, most frequent first: a word's chance falls with its rank (Zipf). */
    private static final List<String> COMMON = List.of(
            "error", "rate", "latency", "database", "timeout", "deploy", "gateway", "connection", "pool", "restart",
            "checkout", "payments", "cache", "queue", "memory", "disk", "cpu", "network", "dns", "certificate",
            "replica", "primary", "failover", "rollback", "config", "traffic", "load", "balancer", "node", "pod",
            "cluster", "region", "storage", "index", "lock", "thread", "leak", "retry", "backlog", "consumer",
            "producer", "kafka", "redis", "postgres", "search", "login", "session", "token", "auth", "api",
            "frontend", "backend", "worker", "cron", "batch", "scheduler", "upstream", "downstream", "proxy", "tls",
            "expired", "saturated", "throttled", "dropped", "slow", "spike", "outage", "degraded", "partial", "stuck",
            "full", "exhausted", "misconfigured", "flapping", "crashed", "oom", "evicted", "stale", "corrupt", "missing");

    /** Services and components, chosen a few per incident. */
    private static final List<String> SERVICES = List.of(
            "checkout", "payments", "search", "login", "catalog", "cart", "shipping", "inventory", "billing",
            "notifications", "recommendations", "reviews", "accounts", "orders", "pricing", "media", "analytics",
            "gateway", "identity", "ledger", "fraud", "invoices", "exports", "webhooks", "reports", "mobile-api",
            "admin", "email", "sms", "edge");

    /** Distinct rare words: an incident's own vocabulary. */
    private static final int RARE_WORDS = 20_000;

    private SeedText() {
    }

    /**
     * The history with its texts, services and suspected components rewritten from {@code seed}, and
     * its times moved {@code seed} minutes earlier: similar incidents compares an incident only with
     * those detected before it, which copies detected at one instant would never be.
     */
    static String vary(String ndjson, long seed) {
        Random random = new Random(seed);
        Duration earlier = Duration.ofMinutes(seed + 1);
        List<String> services = random.ints(1 + random.nextInt(3), 0, SERVICES.size())
                .mapToObj(SERVICES::get).distinct().toList();
        return ndjson.lines().map(line -> {
            try {
                JsonNode entry = JSON.readTree(line);
                if (entry instanceof ObjectNode fields) {
                    moveTimes(fields, earlier);
                }
                if (entry.get("payload") instanceof ObjectNode payload) {
                    moveTimes(payload, earlier);
                    rewrite(payload, random, services);
                }
                return JSON.writeValueAsString(entry);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }).collect(Collectors.joining("\n", "", "\n"));
    }

    private static void moveTimes(ObjectNode fields, Duration earlier) {
        List<String> names = new ArrayList<>();
        fields.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            JsonNode value = fields.get(name);
            if (value.isTextual() && INSTANT.matcher(value.asText()).matches()) {
                fields.put(name, Instant.parse(value.asText()).minus(earlier).toString());
            }
        }
    }

    private static void rewrite(ObjectNode payload, Random random, List<String> services) {
        for (String field : List.of("title", "statement", "summary", "reason")) {
            if (payload.path(field).isTextual()) {
                payload.put(field, words(random, 4 + random.nextInt(5)));
            }
        }
        for (String field : List.of("description", "text", "evidence", "resolution")) {
            if (payload.path(field).isTextual()) {
                payload.put(field, words(random, 8 + random.nextInt(16)));
            }
        }
        if (payload.path("suspectedComponent").isTextual()) {
            payload.put("suspectedComponent", COMMON.get(zipf(random, COMMON.size())));
        }
        if (payload.get("affectedServices") instanceof ArrayNode affected && !affected.isEmpty()) {
            affected.removeAll();
            services.forEach(affected::add);
        }
    }

    /** Two thirds common words, one third rare ones. */
    private static String words(Random random, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "" : " ").append(random.nextInt(3) < 2
                    ? COMMON.get(zipf(random, COMMON.size()))
                    : "w" + zipf(random, RARE_WORDS));
        }
        return text.toString();
    }

    /** A rank in [0, n) with probability about proportional to 1 / (rank + 1). */
    private static int zipf(Random random, int n) {
        return (int) Math.min(n - 1, Math.floor(Math.exp(random.nextDouble() * Math.log(n + 1.0)) - 1));
    }
}
