package dev.blackbox.ui;

import dev.blackbox.command.training.Drills;
import dev.blackbox.command.web.ClientIds;
import dev.blackbox.events.DrillSpeed;
import dev.blackbox.plumbing.web.Problems;
import dev.blackbox.query.incident.FindIncidents;
import dev.blackbox.query.incident.IncidentListView;
import dev.blackbox.query.incident.IncidentStatus;
import dev.blackbox.query.incident.IncidentView;
import dev.blackbox.query.training.DrillReportView;
import dev.blackbox.query.web.DrillReports;
import dev.blackbox.query.web.Reads;
import java.security.Principal;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Training: the library (resolved incidents, the imported training library among them), starting a
 * drill at a speed, the drills run so far, and each drill's report beside the original. Trainees work
 * a drill in its incident room, where the answer stays held back until they find it or it is revealed.
 */
@Controller
class DrillPages {

    private static final int LIST_SIZE = 500;

    private final Drills drills;
    private final DrillReports reports;
    private final Reads reads;

    DrillPages(Drills drills, DrillReports reports, Reads reads) {
        this.drills = drills;
        this.reports = reports;
        this.reads = reads;
    }

    @GetMapping("/drills")
    String library(Model model) {
        model.addAttribute("library", incidents(Set.of(IncidentStatus.RESOLVED), false));
        model.addAttribute("drills", incidents(Set.of(), true).stream()
                .filter(incident -> Drills.drillOf(incident.incidentId()) != null)
                .map(incident -> new DrillLine(Drills.drillOf(incident.incidentId()), incident.incidentId(),
                        incident.title(), incident.status().name(), Formats.time(incident.detectedAt())))
                .toList());
        model.addAttribute("speeds", DrillSpeed.values());
        model.addAttribute("key", UUID.randomUUID().toString());
        return "drills";
    }

    @PostMapping("/drills")
    String start(@RequestParam String sourceIncidentId, @RequestParam String speed,
                 @RequestParam(required = false) String key, Principal principal) {
        DrillSpeed chosen = DrillSpeed.fromLabel(speed).orElseThrow(() -> Problems.invalidField("speed",
                "must be 1, 10, 60 or instant, not '" + speed + "'"));
        Drills.Started started = drills.start(sourceIncidentId, chosen, ClientIds.checkedKey(key),
                principal.getName());
        return "redirect:/drills/" + started.drillId() + "?minPosition=" + started.position();
    }

    @GetMapping("/drills/{drillId}")
    String drill(@PathVariable String drillId, Model model) {
        DrillReportView report = reports.report(drillId);
        model.addAttribute("report", report);
        model.addAttribute("traineesTime", Formats.duration(report.traineesTimeToAnswerSeconds()));
        model.addAttribute("originalTime", Formats.duration(report.originalTimeToRootCauseSeconds()));
        model.addAttribute("originalAtSpeed", Formats.duration(report.originalTimeToRootCauseAtDrillSpeedSeconds()));
        return "drill";
    }

    @PostMapping("/drills/{drillId}/reveal")
    String reveal(@PathVariable String drillId, Principal principal) {
        return "redirect:/drills/{drillId}?minPosition=" + drills.reveal(drillId, principal.getName());
    }

    private List<IncidentView> incidents(Set<IncidentStatus> statuses, boolean drill) {
        return reads.one(new FindIncidents(statuses, Set.of(), null, null, null, drill, 0, LIST_SIZE),
                IncidentListView.class).incidents().stream()
                .sorted(Comparator.comparing(IncidentView::detectedAt).reversed()).toList();
    }

    /** A drill run so far: its report's id and the incident its trainees work. */
    public record DrillLine(String drillId, String incidentId, String title, String status, String startedAt) {
    }
}
