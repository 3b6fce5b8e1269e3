package dev.blackbox.query.search;

import dev.blackbox.query.investigation.HypothesisStatus;
import dev.blackbox.query.investigation.HypothesisView;
import dev.blackbox.query.investigation.InvestigationRepository;
import dev.blackbox.query.investigation.InvestigationView;
import dev.blackbox.query.investigation.MisleadingPathView;
import dev.blackbox.query.postmortem.PostmortemRepository;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.util.BytesRef;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.blackbox.query.search.IncidentDocuments.COMPONENT;
import static dev.blackbox.query.search.IncidentDocuments.DETECTED_AT;
import static dev.blackbox.query.search.IncidentDocuments.DRILL;
import static dev.blackbox.query.search.IncidentDocuments.INCIDENT;
import static dev.blackbox.query.search.IncidentDocuments.INCIDENT_ID;
import static dev.blackbox.query.search.IncidentDocuments.KIND;
import static dev.blackbox.query.search.IncidentDocuments.LABEL;
import static dev.blackbox.query.search.IncidentDocuments.SEQUENCE;
import static dev.blackbox.query.search.IncidentDocuments.SERVICE;
import static dev.blackbox.query.search.IncidentDocuments.SEVERITY;
import static dev.blackbox.query.search.IncidentDocuments.STATUS;
import static dev.blackbox.query.search.IncidentDocuments.TEXT;
import static dev.blackbox.query.search.IncidentDocuments.TYPE;
import static dev.blackbox.query.search.IncidentDocuments.WORDS;

/**
 * Answers searches and similar incidents from this process's {@link SearchIndex}. Every query process
 * holds a whole index, so it answers from its own instead of asking the query bus.
 */
@Component
public class IncidentSearch {

    /**
     * Ranking: a shared service says most, then a shared suspect or alert label, then shared words. A
     * label most incidents carry (such as a common severity label) counts little, as every term does
     * in Lucene's scoring.
     */
    private static final float SERVICE_BOOST = 3f;
    private static final float COMPONENT_BOOST = 2f;
    private static final float LABEL_BOOST = 2f;
    private static final int MAX_PASSAGES = 3;

    private final SearchIndex index;
    private final InvestigationRepository investigations;
    private final PostmortemRepository postmortems;

    public IncidentSearch(SearchIndex index, InvestigationRepository investigations, PostmortemRepository postmortems) {
        this.index = index;
        this.investigations = investigations;
        this.postmortems = postmortems;
    }

    /** Thrown for a query the query syntax cannot read; the message says where. */
    public static final class InvalidSearch extends RuntimeException {
        InvalidSearch(String message) {
            super(message);
        }
    }

    /** Thrown for similar incidents of a drill not revealed yet: they would give its answer away. */
    public static final class DrillNotRevealed extends RuntimeException {
        DrillNotRevealed(String incidentId) {
            super("incident " + incidentId + " is a training drill whose answer is not revealed yet; similar"
                    + " incidents would give it away");
        }
    }

    public SearchResultView search(String text, SearchFilter filter, int limit) {
        Query words;
        try {
            QueryParser parser = new QueryParser(TEXT, index.analyzer());
            words = parser.parse(text);
        } catch (ParseException | IndexSearcher.TooManyClauses e) {
            throw new InvalidSearch(e.getMessage());
        }
        try (SearchIndex.Reading events = index.events();
             SearchIndex.Reading incidents = filter.filters() ? index.incidents() : null) {
            IndexSearcher searcher = events.searcher;
            BooleanQuery.Builder query = new BooleanQuery.Builder().add(words, Occur.MUST);
            if (incidents != null) {
                query.add(incidentsMatching(incidents.searcher, filter), Occur.FILTER);
            }
            Query built = query.build();
            // Counting stops at the page, so that Lucene may skip matches that cannot make it; the total
            // is counted on its own, which on the facts' index, without deletions, needs no look at
            // whether each match is still live, and for a single word is its postings' length.
            TopDocs top = searcher.search(built, new TopScoreDocCollectorManager(limit, null, limit));
            String[] fragments = UnifiedHighlighter.builder(searcher, index.analyzer())
                    .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", " … ", true))
                    .build()
                    .highlight(TEXT, words, top, MAX_PASSAGES);
            StoredFields stored = searcher.storedFields();
            List<SearchHitView> hits = new ArrayList<>();
            for (int i = 0; i < top.scoreDocs.length; i++) {
                Document document = stored.document(top.scoreDocs[i].doc);
                hits.add(new SearchHitView(document.get(INCIDENT_ID),
                        document.getField(SEQUENCE).numericValue().longValue(), document.get(KIND),
                        fragments[i] == null ? List.of() : List.of(fragments[i]), top.scoreDocs[i].score));
            }
            return new SearchResultView(hits, searcher.count(built));
        } catch (IndexSearcher.TooManyClauses e) {
            throw new InvalidSearch(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ids of the incidents the filter lets through, found in the incidents' index, as a filter on facts. */
    private static Query incidentsMatching(IndexSearcher searcher, SearchFilter filter) throws IOException {
        BooleanQuery.Builder incidents = new BooleanQuery.Builder().add(new TermQuery(new Term(TYPE, INCIDENT)), Occur.FILTER);
        anyOf(incidents, STATUS, filter.statuses());
        anyOf(incidents, SEVERITY, filter.severities());
        if (filter.service() != null) {
            incidents.add(new TermQuery(new Term(SERVICE, filter.service())), Occur.FILTER);
        }
        if (filter.from() != null || filter.to() != null) {
            long from = filter.from() == null ? Long.MIN_VALUE : filter.from().toEpochMilli();
            long to = filter.to() == null ? Long.MAX_VALUE : filter.to().toEpochMilli() - 1;
            incidents.add(LongPoint.newRangeQuery(DETECTED_AT, from, to), Occur.FILTER);
        }
        if (filter.drill() != null) {
            incidents.add(new TermQuery(new Term(DRILL, filter.drill().toString())), Occur.FILTER);
        }
        List<BytesRef> ids = new ArrayList<>();
        StoredFields stored = searcher.storedFields();
        for (ScoreDoc hit : searcher.search(incidents.build(), Math.max(1, searcher.getIndexReader().maxDoc())).scoreDocs) {
            ids.add(new BytesRef(stored.document(hit.doc).get(INCIDENT_ID)));
        }
        return ids.isEmpty() ? new MatchNoDocsQuery("no incident passes the filter") : new TermInSetQuery(INCIDENT_ID, ids);
    }

    private static void anyOf(BooleanQuery.Builder query, String field, Set<String> values) {
        if (values.isEmpty()) {
            return;
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        values.forEach(value -> any.add(new TermQuery(new Term(field, value)), Occur.SHOULD));
        query.add(any.build(), Occur.FILTER);
    }

    /**
     * Incidents detected before this one, ranked by the services, suspected components, alert labels and
     * words (title, description, hypotheses) they share with it; empty when the index does not hold it yet.
     */
    public Optional<SimilarIncidentsView> similar(String incidentId, boolean drills, int limit) {
        try (SearchIndex.Reading incidents = index.incidents()) {
            IndexSearcher searcher = incidents.searcher;
            TopDocs found = searcher.search(new TermQuery(IncidentDocuments.incidentId(incidentId)), 1);
            if (found.scoreDocs.length == 0) {
                return Optional.empty();
            }
            IncidentDocuments.IncidentState incident = IncidentDocuments.IncidentState.of(
                    searcher.storedFields().document(found.scoreDocs[0].doc));
            if (incident.drill && unrevealedDrill(searcher, incidentId)) {
                throw new DrillNotRevealed(incidentId);
            }
            BooleanQuery.Builder like = new BooleanQuery.Builder();
            incident.services.forEach(service ->
                    like.add(new BoostQuery(new TermQuery(new Term(SERVICE, service)), SERVICE_BOOST), Occur.SHOULD));
            incident.components.forEach(component ->
                    like.add(new BoostQuery(new TermQuery(new Term(COMPONENT, component)), COMPONENT_BOOST), Occur.SHOULD));
            incident.labels.forEach(label ->
                    like.add(new BoostQuery(new TermQuery(new Term(LABEL, label)), LABEL_BOOST), Occur.SHOULD));
            MoreLikeThis words = new MoreLikeThis(searcher.getIndexReader());
            words.setAnalyzer(index.analyzer());
            words.setFieldNames(new String[]{WORDS});
            words.setMinTermFreq(1);
            words.setMinDocFreq(1);
            like.add(words.like(WORDS, new StringReader(incident.words())), Occur.SHOULD);
            BooleanQuery.Builder query = new BooleanQuery.Builder()
                    .add(like.build(), Occur.MUST)
                    .add(new TermQuery(new Term(TYPE, INCIDENT)), Occur.FILTER)
                    .add(LongPoint.newRangeQuery(DETECTED_AT, Long.MIN_VALUE, incident.detectedAt - 1), Occur.FILTER);
            if (!drills) {
                query.add(new TermQuery(new Term(DRILL, "false")), Occur.FILTER);
            }
            Set<String> ownWords = terms(index.analyzer(), incident.words());
            List<SimilarIncidentView> similar = new ArrayList<>();
            StoredFields stored = searcher.storedFields();
            for (ScoreDoc hit : searcher.search(query.build(), limit).scoreDocs) {
                IncidentDocuments.IncidentState other = IncidentDocuments.IncidentState.of(stored.document(hit.doc));
                similar.add(view(other, hit.score, new SimilarIncidentView.SharedBy(
                        shared(incident.services, other.services), shared(incident.components, other.components),
                        shared(incident.labels, other.labels), shared(ownWords, terms(index.analyzer(), other.words())))));
            }
            return Optional.of(new SimilarIncidentsView(incidentId, similar));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean unrevealedDrill(IndexSearcher searcher, String incidentId) throws IOException {
        Query drill = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(TYPE, IncidentDocuments.DRILL)), Occur.FILTER)
                .add(new TermQuery(new Term(INCIDENT_ID, incidentId)), Occur.FILTER)
                .add(new TermQuery(new Term(IncidentDocuments.REVEALED, "false")), Occur.FILTER)
                .build();
        return searcher.count(drill) > 0;
    }

    private SimilarIncidentView view(IncidentDocuments.IncidentState incident, float score,
                                     SimilarIncidentView.SharedBy sharedBy) {
        InvestigationView investigation = investigations.load(incident.incidentId);
        String confirmed = investigation.hypotheses().stream()
                .filter(h -> h.status() == HypothesisStatus.CONFIRMED)
                .map(HypothesisView::statement)
                .findFirst()
                .orElse(null);
        List<SimilarIncidentView.DeadEnd> deadEnds = investigation.misleadingPaths().stream()
                .map(path -> new SimilarIncidentView.DeadEnd(
                        path.kind() == MisleadingPathView.Kind.RULED_OUT_HYPOTHESIS ? "RULED_OUT_HYPOTHESIS" : "INEFFECTIVE_ACTION",
                        path.description(), path.evidence(), path.costSeconds()))
                .toList();
        List<SimilarIncidentView.CorrectiveAction> actions = postmortems.correctiveActions(incident.incidentId).stream()
                .map(action -> new SimilarIncidentView.CorrectiveAction(action.description(), action.kind().name(),
                        action.done()))
                .toList();
        return new SimilarIncidentView(incident.incidentId, incident.title, Instant.ofEpochMilli(incident.detectedAt),
                incident.status, score, sharedBy, investigation.rootCause(), confirmed, deadEnds, actions);
    }

    private static List<String> shared(Set<String> ours, Set<String> theirs) {
        return ours.stream().filter(theirs::contains).toList();
    }

    /** The index's terms of a text: what "the same word" means for search, stems included. */
    private static Set<String> terms(Analyzer analyzer, String text) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream tokens = analyzer.tokenStream(WORDS, text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                terms.add(term.toString());
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }
}
