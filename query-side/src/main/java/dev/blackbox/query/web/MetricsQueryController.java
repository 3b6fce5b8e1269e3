package dev.blackbox.query.web;

import dev.blackbox.query.metrics.AggregateMetricsView;
import dev.blackbox.query.metrics.FindAggregateMetrics;
import dev.blackbox.query.metrics.MetricsGrouping;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Aggregate time-to-X metrics over a window of detection times. */
@RestController
@Tag(name = "Metrics", description = "MTTD, MTTA, MTTM and MTTR over many incidents")
class MetricsQueryController {

    private final Reads reads;

    MetricsQueryController(Reads reads) {
        this.reads = reads;
    }

    @GetMapping("/api/v1/metrics")
    @Operation(summary = "Aggregate metrics of the incidents detected in [from, to), drills excluded, optionally grouped")
    AggregateMetricsView metrics(@RequestParam(required = false) String from,
                                 @RequestParam(required = false) String to,
                                 @RequestParam(required = false) String groupBy) {
        Instant fromInstant = QueryParameters.instant("from", from);
        Instant toInstant = QueryParameters.instant("to", to);
        QueryParameters.requireOrdered(fromInstant, toInstant);
        MetricsGrouping grouping = null;
        if (groupBy != null && !groupBy.isBlank()) {
            grouping = MetricsGrouping.fromParameter(groupBy.strip()).orElseThrow(() -> new InvalidQueryException(
                    "groupBy", "'groupBy' must be one of " + Arrays.stream(MetricsGrouping.values())
                    .map(MetricsGrouping::parameter).collect(Collectors.joining(", ")) + ", not '" + groupBy + "'."));
        }
        return reads.one(new FindAggregateMetrics(fromInstant, toInstant, grouping), AggregateMetricsView.class);
    }
}
