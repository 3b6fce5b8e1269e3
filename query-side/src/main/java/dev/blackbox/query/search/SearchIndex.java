package dev.blackbox.query.search;

import dev.blackbox.events.DrillRevealed;
import dev.blackbox.events.DrillStarted;
import dev.blackbox.events.IncidentEvent;
import dev.blackbox.plumbing.eventsource.BackgroundEventSource;
import dev.blackbox.query.search.IncidentDocuments.IncidentState;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The search index, a read model of this query process's own: Lucene indexes in
 * {@code <data-dir>/search-index} fed by its own reader of the event store, not by the shared
 * read-model processor. That processor shares segments between query processes, so an index fed by
 * it would hold only this process's part of the events; this reader reads them all.
 *
 * <p>It is two Lucene indexes: {@code events}, one document per fact, only ever added, and
 * {@code incidents}, the incident and drill documents, rewritten as incidents change. Kept apart, the
 * facts' index has no deleted documents, and Lucene can count a search's matches from its postings
 * instead of visiting each match to see whether it is still live: on a million facts that count was
 * most of a search's time. Both carry the store position in their commit data. The facts are
 * committed first: after a crash between the two commits the index resumes from the incidents'
 * position, so each event changes an incident's document once, and the facts read again replace
 * themselves (by id). Facts beyond any the index may hold are added without that replacement, which
 * would have Lucene look each new fact's id up in every segment.
 */
@Component
@EnableConfigurationProperties(SearchProperties.class)
public class SearchIndex implements SmartLifecycle, DisposableBean {

    public static final String NAME = "search";

    private static final Logger log = LoggerFactory.getLogger(SearchIndex.class);
    private static final String TOKEN = "blackbox.token";
    private static final String TOKEN_TYPE = "blackbox.token-type";
    /** Incidents whose document the indexer keeps between commits; read again from the index beyond that. */
    private static final int CACHED_INCIDENTS = 10_000;
    private static final Duration COMMIT_GAP = Duration.ofSeconds(1);

    private final StreamableMessageSource<TrackedEventMessage<?>> store;
    private final Serializer serializer;
    private final Analyzer analyzer = new EnglishAnalyzer();
    private final Part events;
    private final Part incidents;
    private final Map<String, IncidentState> cachedIncidents = new LinkedHashMap<>();
    /**
     * The incidents changed since the last commit, whose documents that commit writes: an incident
     * changes several times within a commit's events (detected, hypotheses, mitigated, resolved), and
     * writing its document, words and all, at each change had Lucene index it again each time.
     */
    private final Set<String> changedIncidents = new LinkedHashSet<>();
    /** The drill incidents of drills started since the last commit, by drill id. */
    private final Map<String, String> drills = new HashMap<>();

    private volatile TrackingToken position;
    /**
     * The highest store position whose fact the facts' index may already hold: committed ahead of the
     * incidents' part, or indexed and not committed when the indexer stopped on an error (Lucene keeps
     * those documents). A fact at or below it replaces its document; -1 when there is none.
     */
    private long replaceThrough = -1;
    /** The highest store position indexed since the index was opened or emptied. */
    private long indexedThrough = -1;
    private volatile boolean running;
    private volatile boolean rebuildRequested;
    private Thread indexer;

    /** Reads the stored events where there are any (not on the axonserver profile) as a background reader. */
    public SearchIndex(EventStore eventStore, ObjectProvider<BackgroundEventSource> background, Serializer serializer,
                       SearchProperties properties,
                       @Value("${blackbox.data-dir:./data}") String dataDir) {
        StreamableMessageSource<TrackedEventMessage<?>> stored = background.getIfAvailable(() -> null);
        this.store = stored != null ? stored : eventStore;
        this.serializer = serializer;
        Path path = properties.indexDir() != null ? properties.indexDir() : Path.of(dataDir).resolve("search-index");
        try {
            dropSingleIndex(path);
            events = new Part(path.resolve("events"), analyzer);
            incidents = new Part(path.resolve("incidents"), analyzer);
            position = startingPosition();
            replaceThrough = positionOf(token(events.committed()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index in " + path, e);
        }
    }

    /** One of the two Lucene indexes, with the searchers on its last commit. */
    private static final class Part implements Closeable {
        private final FSDirectory directory;
        private final IndexWriter writer;
        private final SearcherManager searchers;

        Part(Path path, Analyzer analyzer) throws IOException {
            directory = FSDirectory.open(path);
            // Only commits that carry the position: what was indexed after the last one is read again.
            writer = new IndexWriter(directory, new IndexWriterConfig(analyzer).setCommitOnClose(false));
            searchers = new SearcherManager(writer, null);
        }

        Map<String, String> committed() {
            Map<String, String> data = new HashMap<>();
            Iterable<Map.Entry<String, String>> committed = writer.getLiveCommitData();
            if (committed != null) {
                committed.forEach(entry -> data.put(entry.getKey(), entry.getValue()));
            }
            return data;
        }

        void commit(Map<String, String> data) throws IOException {
            writer.setLiveCommitData(data.entrySet());
            writer.commit();
            searchers.maybeRefreshBlocking();
        }

        Reading read() {
            try {
                return new Reading(searchers, searchers.acquire());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            searchers.close();
            writer.close();
            directory.close();
        }
    }

    /** A searcher on one of the index's last commits; closing it gives it back. */
    static final class Reading implements AutoCloseable {
        private final SearcherManager searchers;
        final IndexSearcher searcher;

        private Reading(SearcherManager searchers, IndexSearcher searcher) {
            this.searchers = searchers;
            this.searcher = searcher;
        }

        @Override
        public void close() {
            try {
                searchers.release(searcher);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    Analyzer analyzer() {
        return analyzer;
    }

    /** The facts' index: one document per fact with words. */
    Reading events() {
        return events.read();
    }

    /** The incidents' index: one document per incident, and one per drill. */
    Reading incidents() {
        return incidents.read();
    }

    /** The store position of the last event the index holds, or null when it holds none. */
    public Long position() {
        TrackingToken token = position;
        return token == null ? null : token.position().stream().boxed().findFirst().orElse(null);
    }

    /** Whether a rebuild was asked for and has not yet emptied the index. */
    public boolean rebuilding() {
        return rebuildRequested;
    }

    /** Empties the index and reads the whole store again; searches answer from what is indexed so far. */
    public void rebuild() {
        rebuildRequested = true;
    }

    @Override
    public synchronized void start() {
        running = true;
        indexer = new Thread(this::follow, "search-indexer");
        indexer.setDaemon(true);
        indexer.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (indexer != null) {
            try {
                indexer.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Also when the application failed to start, so the index's lock is not left held in this JVM. */
    @Override
    public void destroy() {
        stop();
        for (Part part : List.of(events, incidents)) {
            try {
                part.close();
            } catch (IOException e) {
                log.warn("Closing the search index failed", e);
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void follow() {
        while (running) {
            try {
                if (rebuildRequested) {
                    empty();
                    rebuildRequested = false;
                }
                readFrom(position);
            } catch (Exception e) {
                // What was indexed since the last commit is read again: event documents come back the
                // same, and incident documents are built again from the committed ones.
                log.warn("The search index stopped following the event store; it resumes from its last commit", e);
                replaceThrough = Math.max(replaceThrough, indexedThrough);
                cachedIncidents.clear();
                changedIncidents.clear();
                drills.clear();
                pause();
            }
        }
    }

    /**
     * Indexes events until stopped or asked to rebuild, committing at most once per
     * {@link #COMMIT_GAP}. Each commit writes and syncs both indexes' files and reopens their
     * searchers, so when the indexer is catching up (a rebuild, or a restart behind the store) a
     * commit per second costs little next to the indexing, where one every few thousand events took
     * a large share of its time. Under steady load the store goes quiet between its wakes (every
     * background wake gap) and the same rule keeps those quiet spells from each costing a commit,
     * while a lone fact after a quiet time is committed, and searchable, at once. A crash loses at
     * most the last gap's indexing, which is read again.
     */
    private void readFrom(TrackingToken start) throws IOException, InterruptedException {
        try (BlockingStream<TrackedEventMessage<?>> stream = store.openStream(start)) {
            TrackingToken pending = null;
            boolean uncommitted = false;
            long lastCommit = System.nanoTime() - COMMIT_GAP.toNanos();
            while (running && !rebuildRequested) {
                if (stream.hasNextAvailable(200, TimeUnit.MILLISECONDS)) {
                    TrackedEventMessage<?> message = stream.nextAvailable();
                    long at = positionOf(message.trackingToken());
                    if (message instanceof DomainEventMessage<?> domain && domain.getPayload() instanceof IncidentEvent event) {
                        index(event, domain.getSequenceNumber(), at <= replaceThrough);
                    } else {
                        indexDrill(message.getPayload());
                    }
                    indexedThrough = Math.max(indexedThrough, at);
                    pending = message.trackingToken();
                    uncommitted = true;
                }
                if (uncommitted && System.nanoTime() - lastCommit >= COMMIT_GAP.toNanos()) {
                    commit(pending);
                    uncommitted = false;
                    lastCommit = System.nanoTime();
                }
            }
            if (uncommitted && !rebuildRequested) {
                commit(pending);
            }
        }
    }

    private void index(IncidentEvent event, long sequence, boolean maybeIndexed) throws IOException {
        IncidentDocuments.Words words = IncidentDocuments.words(event);
        if (words != null) {
            Document fact = IncidentDocuments.event(event.incidentId(), sequence, words);
            if (maybeIndexed) {
                // By id: a fact read again replaces itself instead of showing up twice.
                events.writer.updateDocument(IncidentDocuments.eventId(event.incidentId(), sequence), fact);
            } else {
                events.writer.addDocument(fact);
            }
        }
        IncidentState incident = cachedIncidents.get(event.incidentId());
        if (incident == null) {
            incident = storedIncident(event.incidentId());
        }
        if (incident == null) {
            incident = new IncidentState();
        }
        if (incident.apply(event) && incident.incidentId != null) {
            cachedIncidents.put(event.incidentId(), incident);
            changedIncidents.add(event.incidentId());
        }
    }

    private void indexDrill(Object payload) throws IOException {
        if (payload instanceof DrillStarted started) {
            drills.put(started.drillId(), started.incidentId());
            incidents.writer.updateDocument(IncidentDocuments.drillId(started.drillId()),
                    IncidentDocuments.drill(started.drillId(), started.incidentId(), false));
        } else if (payload instanceof DrillRevealed revealed) {
            String incidentId = drills.containsKey(revealed.drillId()) ? drills.get(revealed.drillId())
                    : storedDrillIncident(revealed.drillId());
            if (incidentId != null) {
                incidents.writer.updateDocument(IncidentDocuments.drillId(revealed.drillId()),
                        IncidentDocuments.drill(revealed.drillId(), incidentId, true));
            }
        }
    }

    private IncidentState storedIncident(String incidentId) throws IOException {
        Document document = committedDocument(IncidentDocuments.incidentId(incidentId));
        return document == null ? null : IncidentState.of(document);
    }

    private String storedDrillIncident(String drillId) throws IOException {
        Document document = committedDocument(IncidentDocuments.drillId(drillId));
        return document == null ? null : document.get(IncidentDocuments.INCIDENT_ID);
    }

    /** The incidents' index's document of this id as last committed, or null. */
    private Document committedDocument(Term id) throws IOException {
        try (Reading reading = incidents()) {
            TopDocs found = reading.searcher.search(new TermQuery(id), 1);
            return found.scoreDocs.length == 0 ? null : reading.searcher.storedFields().document(found.scoreDocs[0].doc);
        }
    }

    /** Index and position in one commit each, the events' first (see the class comment); then searches see them. */
    private void commit(TrackingToken token) throws IOException {
        Map<String, String> data = new HashMap<>();
        if (token != null) {
            SerializedObject<String> serialized = serializer.serialize(token, String.class);
            data.put(TOKEN, serialized.getData());
            data.put(TOKEN_TYPE, serialized.getType().getName());
        }
        for (String incidentId : changedIncidents) {
            incidents.writer.updateDocument(IncidentDocuments.incidentId(incidentId),
                    cachedIncidents.get(incidentId).document());
        }
        changedIncidents.clear();
        events.commit(data);
        incidents.commit(data);
        position = token;
        if (cachedIncidents.size() > CACHED_INCIDENTS) {
            cachedIncidents.clear();
        }
        drills.clear();
    }

    private void empty() throws IOException {
        events.writer.deleteAll();
        incidents.writer.deleteAll();
        replaceThrough = -1;
        indexedThrough = -1;
        cachedIncidents.clear();
        changedIncidents.clear();
        drills.clear();
        commit(null);
    }

    /**
     * The incidents' position: after a crash between the two commits the events' is ahead, and the
     * facts read again replace themselves. Any other disagreement (a part deleted by hand, say)
     * empties both and reads the store again.
     */
    private TrackingToken startingPosition() throws IOException {
        TrackingToken inEvents = token(events.committed());
        TrackingToken inIncidents = token(incidents.committed());
        if (inEvents == null && inIncidents == null) {
            return null;
        }
        if (inEvents != null && inIncidents != null && inEvents.covers(inIncidents)) {
            return inIncidents;
        }
        log.warn("The search index's two parts hold different parts of the store; it is built again from the events");
        empty();
        return null;
    }

    /** A token's store position; one without a position may be anywhere, so it counts as the highest. */
    private static long positionOf(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(Long.MAX_VALUE);
    }

    private TrackingToken token(Map<String, String> data) {
        if (!data.containsKey(TOKEN)) {
            return null;
        }
        return serializer.deserialize(new SimpleSerializedObject<>(data.get(TOKEN), String.class,
                new SimpleSerializedType(data.get(TOKEN_TYPE), null)));
    }

    /**
     * Before the index had two parts it was one Lucene index in the folder itself: it is dropped, and
     * built again from the events in the new layout.
     */
    private static void dropSingleIndex(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return;
        }
        try (FSDirectory old = FSDirectory.open(path)) {
            if (!DirectoryReader.indexExists(old)) {
                return;
            }
        }
        log.info("The search index in {} is in the layout of an earlier version; it is built again from the events", path);
        List<Path> files;
        try (var listing = Files.list(path)) {
            files = listing.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            Files.delete(file);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
