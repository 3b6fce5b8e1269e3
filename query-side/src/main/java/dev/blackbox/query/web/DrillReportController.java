package dev.blackbox.query.web;

import dev.blackbox.query.training.DrillReportView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The drill report: the trainees' path against the original team's. */
@RestController
@Tag(name = "Training", description = "Replay past incidents as drills for on-call training")
class DrillReportController {

    private final DrillReports reports;

    DrillReportController(DrillReports reports) {
        this.reports = reports;
    }

    @GetMapping("/api/v1/training/drills/{drillId}/report")
    @Operation(summary = "Compare the trainees' hypotheses and time to the answer with the original incident's")
    DrillReportView report(@PathVariable String drillId) {
        return reports.report(drillId);
    }
}
