package dev.blackbox.query.search;

import dev.blackbox.events.DrillRevealed;
import dev.blackbox.events.DrillStarted;
import dev.blackbox.events.IncidentEvent;
import dev.blackbox.query.search.IncidentDocuments.IncidentState;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
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
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The search index, a read model of this query process's own: a Lucene index in
 * {@code <data-dir>/search-index} fed by its own reader of the event store, not by the shared
 * read-model processor. That processor shares segments between query processes, so an index fed by
 * it would hold only this process's part of the events; this reader reads them all. Its position in
 * the store is kept in the index's commit data, so index and position are committed together: after
 * a crash the index resumes from exactly what it holds, and a replayed event only rewrites documents
 * of the same ids.
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

    private final EventStore eventStore;
    private final Serializer serializer;
    private final int batchSize;
    private final Analyzer analyzer = new EnglishAnalyzer();
    private final FSDirectory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Map<String, IncidentState> incidents = new LinkedHashMap<>();
    /** The drill incidents of drills started since the last commit, by drill id. */
    private final Map<String, String> drills = new HashMap<>();

    private volatile TrackingToken position;
    private volatile boolean running;
    private volatile boolean rebuildRequested;
    private Thread indexer;

    public SearchIndex(EventStore eventStore, Serializer serializer, SearchProperties properties,
                       @Value("${blackbox.data-dir:./data}") String dataDir) {
        this.eventStore = eventStore;
        this.serializer = serializer;
        this.batchSize = properties.batchSize();
        Path path = properties.indexDir() != null ? properties.indexDir() : Path.of(dataDir).resolve("search-index");
        try {
            directory = FSDirectory.open(path);
            // Only commits that carry the position: what was indexed after the last one is read again.
            writer = new IndexWriter(directory, new IndexWriterConfig(analyzer).setCommitOnClose(false));
            searchers = new SearcherManager(writer, null);
            position = storedPosition();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index in " + path, e);
        }
    }

    Analyzer analyzer() {
        return analyzer;
    }

    /** A searcher on the last commit; give it back with {@link #release}. */
    IndexSearcher acquire() {
        try {
            return searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void release(IndexSearcher searcher) {
        try {
            searchers.release(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        try {
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            log.warn("Closing the search index failed", e);
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
                    writer.deleteAll();
                    incidents.clear();
                    drills.clear();
                    commit(null);
                    rebuildRequested = false;
                }
                readFrom(position);
            } catch (Exception e) {
                // What was indexed since the last commit is read again: event documents come back the
                // same, and incident documents are built again from the committed ones.
                log.warn("The search index stopped following the event store; it resumes from its last commit", e);
                incidents.clear();
                drills.clear();
                pause();
            }
        }
    }

    /** Indexes events until stopped or asked to rebuild, committing a batch, or what there is when the store has no more. */
    private void readFrom(TrackingToken start) throws IOException, InterruptedException {
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(start)) {
            TrackingToken pending = null;
            int events = 0;
            while (running && !rebuildRequested) {
                if (stream.hasNextAvailable(200, TimeUnit.MILLISECONDS)) {
                    TrackedEventMessage<?> message = stream.nextAvailable();
                    if (message instanceof DomainEventMessage<?> domain && domain.getPayload() instanceof IncidentEvent event) {
                        index(event, domain.getSequenceNumber());
                    } else if (message.getPayload() instanceof DrillStarted started) {
                        drills.put(started.drillId(), started.incidentId());
                        writer.updateDocument(IncidentDocuments.drillId(started.drillId()),
                                IncidentDocuments.drill(started.drillId(), started.incidentId(), false));
                    } else if (message.getPayload() instanceof DrillRevealed revealed) {
                        String incidentId = drills.containsKey(revealed.drillId()) ? drills.get(revealed.drillId())
                                : storedDrillIncident(revealed.drillId());
                        if (incidentId != null) {
                            writer.updateDocument(IncidentDocuments.drillId(revealed.drillId()),
                                    IncidentDocuments.drill(revealed.drillId(), incidentId, true));
                        }
                    }
                    pending = message.trackingToken();
                    if (++events >= batchSize) {
                        commit(pending);
                        events = 0;
                    }
                } else if (events > 0) {
                    commit(pending);
                    events = 0;
                }
            }
            if (events > 0 && !rebuildRequested) {
                commit(pending);
            }
        }
    }

    private void index(IncidentEvent event, long sequence) throws IOException {
        IncidentDocuments.Words words = IncidentDocuments.words(event);
        if (words != null) {
            writer.updateDocument(IncidentDocuments.eventId(event.incidentId(), sequence),
                    IncidentDocuments.event(event.incidentId(), sequence, words));
        }
        IncidentState incident = incidents.get(event.incidentId());
        if (incident == null) {
            incident = storedIncident(event.incidentId());
        }
        if (incident == null) {
            incident = new IncidentState();
        }
        if (incident.apply(event) && incident.incidentId != null) {
            incidents.put(event.incidentId(), incident);
            writer.updateDocument(IncidentDocuments.incidentId(event.incidentId()), incident.document());
        }
    }

    private IncidentState storedIncident(String incidentId) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            TopDocs found = searcher.search(new TermQuery(IncidentDocuments.incidentId(incidentId)), 1);
            if (found.scoreDocs.length == 0) {
                return null;
            }
            Document document = searcher.storedFields().document(found.scoreDocs[0].doc);
            return IncidentState.of(document);
        } finally {
            searchers.release(searcher);
        }
    }

    private String storedDrillIncident(String drillId) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            TopDocs found = searcher.search(new TermQuery(IncidentDocuments.drillId(drillId)), 1);
            return found.scoreDocs.length == 0 ? null
                    : searcher.storedFields().document(found.scoreDocs[0].doc).get(IncidentDocuments.INCIDENT_ID);
        } finally {
            searchers.release(searcher);
        }
    }

    /** Index and position in one commit; then searches see it, and the indexer reads incidents from it again. */
    private void commit(TrackingToken token) throws IOException {
        Map<String, String> data = new HashMap<>();
        if (token != null) {
            SerializedObject<String> serialized = serializer.serialize(token, String.class);
            data.put(TOKEN, serialized.getData());
            data.put(TOKEN_TYPE, serialized.getType().getName());
        }
        writer.setLiveCommitData(data.entrySet());
        writer.commit();
        searchers.maybeRefreshBlocking();
        position = token;
        if (incidents.size() > CACHED_INCIDENTS) {
            incidents.clear();
        }
        drills.clear();
    }

    private TrackingToken storedPosition() throws IOException {
        Map<String, String> data = new HashMap<>();
        Iterable<Map.Entry<String, String>> committed = writer.getLiveCommitData();
        if (committed != null) {
            committed.forEach(entry -> data.put(entry.getKey(), entry.getValue()));
        }
        if (!data.containsKey(TOKEN)) {
            return null;
        }
        return serializer.deserialize(new SimpleSerializedObject<>(data.get(TOKEN), String.class,
                new SimpleSerializedType(data.get(TOKEN_TYPE), null)));
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
