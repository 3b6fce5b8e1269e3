package dev.blackbox.query.web;

import dev.blackbox.events.Severity;
import dev.blackbox.plumbing.web.Problems;
import dev.blackbox.query.incident.FindIncident;
import dev.blackbox.query.incident.IncidentStatus;
import dev.blackbox.query.incident.IncidentView;
import dev.blackbox.query.search.IncidentSearch;
import dev.blackbox.query.search.SearchFilter;
import dev.blackbox.query.search.SearchResultView;
import dev.blackbox.query.search.SimilarIncidentsView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Search over every incident's words, and the earlier incidents most like one. Both answer from this
 * process's own search index, which holds every incident (see {@code SearchIndex}).
 */
@RestController
@Tag(name = "Search", description = "Learning across incidents: search and similar past incidents")
class SearchController {

    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 100;
    private static final int MAX_QUERY_LENGTH = 1000;

    private final IncidentSearch search;
    private final Reads reads;

    SearchController(IncidentSearch search, Reads reads) {
        this.search = search;
        this.reads = reads;
    }

    @GetMapping("/api/v1/search")
    @Operation(summary = "Search titles, descriptions, hypotheses, evidence, actions, root causes, factors, notes,"
            + " conclusions and corrective actions; best first, matched words in <mark>")
    SearchResultView search(@Parameter(description = "Lucene query syntax: words, \"phrases\", AND/OR/NOT, prefix*")
                            @RequestParam(required = false) String q,
                            @RequestParam(required = false) List<String> status,
                            @RequestParam(required = false) List<String> severity,
                            @RequestParam(required = false) String service,
                            @RequestParam(required = false) String from,
                            @RequestParam(required = false) String to,
                            @RequestParam(required = false) String drill,
                            @RequestParam(required = false) String limit) {
        if (q == null || q.isBlank()) {
            throw new InvalidQueryException("q", "'q' must name what to search for.");
        }
        if (q.length() > MAX_QUERY_LENGTH) {
            throw new InvalidQueryException("q", "'q' must be at most " + MAX_QUERY_LENGTH + " characters.");
        }
        Instant fromInstant = QueryParameters.instant("from", from);
        Instant toInstant = QueryParameters.instant("to", to);
        QueryParameters.requireOrdered(fromInstant, toInstant);
        SearchFilter filter = new SearchFilter(
                names(QueryParameters.enums("status", status, IncidentStatus.class)),
                names(QueryParameters.enums("severity", severity, Severity.class)),
                service == null || service.isBlank() ? null : service.strip(),
                fromInstant, toInstant, QueryParameters.bool("drill", drill));
        int size = QueryParameters.integer("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
        try {
            return search.search(q, filter, size);
        } catch (IncidentSearch.InvalidSearch e) {
            throw new InvalidQueryException("q", "'q' cannot be read: " + e.getMessage());
        }
    }

    @GetMapping("/api/v1/incidents/{incidentId}/similar")
    @Operation(summary = "Earlier incidents most like this one, with what they share, their root cause, confirmed"
            + " hypothesis, dead ends and corrective actions")
    SimilarIncidentsView similar(@PathVariable String incidentId,
                                 @Parameter(description = "true to include training drills")
                                 @RequestParam(required = false) String drills,
                                 @RequestParam(required = false) String limit) {
        boolean withDrills = Boolean.TRUE.equals(QueryParameters.bool("drills", drills));
        int size = QueryParameters.integer("limit", limit, 10, 1, MAX_LIMIT);
        Optional<SimilarIncidentsView> similar;
        try {
            similar = search.similar(incidentId, withDrills, size);
        } catch (IncidentSearch.DrillNotRevealed e) {
            throw Problems.refusal(HttpStatus.CONFLICT, "Drill not revealed", e.getMessage());
        }
        return similar.orElseGet(() -> {
            // Known to the incident read model but not indexed yet: nothing to compare with so far.
            reads.optional(new FindIncident(incidentId), IncidentView.class)
                    .orElseThrow(() -> new IncidentNotFoundException(incidentId));
            return new SimilarIncidentsView(incidentId, List.of());
        });
    }

    private static <E extends Enum<E>> Set<String> names(Set<E> values) {
        return values.stream().map(Enum::name).collect(Collectors.toSet());
    }
}
