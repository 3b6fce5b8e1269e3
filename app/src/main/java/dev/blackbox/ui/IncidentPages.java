package dev.blackbox.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blackbox.events.Severity;
import dev.blackbox.plumbing.web.Problems;
import dev.blackbox.query.incident.FindIncidents;
import dev.blackbox.query.incident.IncidentListView;
import dev.blackbox.query.incident.IncidentStatus;
import dev.blackbox.query.incident.IncidentView;
import dev.blackbox.query.postmortem.FindPostmortem;
import dev.blackbox.query.postmortem.HtmlPostmortem;
import dev.blackbox.query.postmortem.MarkdownPostmortem;
import dev.blackbox.query.postmortem.PostmortemView;
import dev.blackbox.query.timeline.FindTimeline;
import dev.blackbox.query.timeline.TimelineEntryView;
import dev.blackbox.query.timeline.TimelineView;
import dev.blackbox.query.web.IncidentNotFoundException;
import dev.blackbox.query.web.LiveTimelines;
import dev.blackbox.query.web.Reads;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/** The incident list, the incident room with its live timeline, and the postmortem with its downloads. */
@Controller
class IncidentPages {

    private static final int LIST_SIZE = 500;
    private static final Comparator<IncidentView> OPEN_FIRST = Comparator
            .comparing((IncidentView incident) -> incident.status().ordinal())
            .thenComparing(IncidentView::detectedAt, Comparator.reverseOrder());

    private final Reads reads;
    private final Rooms rooms;
    private final LiveTimelines liveTimelines;
    private final TemplateEngine templates;
    private final ObjectMapper json;

    IncidentPages(Reads reads, Rooms rooms, LiveTimelines liveTimelines, TemplateEngine templates, ObjectMapper json) {
        this.reads = reads;
        this.rooms = rooms;
        this.liveTimelines = liveTimelines;
        this.templates = templates;
        this.json = json;
    }

    @GetMapping("/")
    String home() {
        return "redirect:/incidents";
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/incidents")
    String incidents(@RequestParam(required = false) String status, @RequestParam(required = false) String severity,
                     @RequestParam(required = false) String service, @RequestParam(required = false) String drill,
                     Model model) {
        Set<IncidentStatus> statuses = choice("status", status, IncidentStatus.class);
        Set<Severity> severities = choice("severity", severity, Severity.class);
        Boolean drills = drill == null || drill.isBlank() ? null : Boolean.valueOf("yes".equals(drill));
        String serviceName = service == null || service.isBlank() ? null : service.strip();
        List<IncidentView> incidents = reads.one(new FindIncidents(statuses, severities, serviceName, null, null,
                drills, 0, LIST_SIZE), IncidentListView.class).incidents().stream().sorted(OPEN_FIRST).toList();
        model.addAttribute("incidents", incidents.stream().map(IncidentLine::of).toList());
        model.addAttribute("statuses", IncidentStatus.values());
        model.addAttribute("severities", Severity.values());
        model.addAttribute("filter", Map.of("status", status == null ? "" : status,
                "severity", severity == null ? "" : severity, "service", serviceName == null ? "" : serviceName,
                "drill", drill == null ? "" : drill));
        return "incidents";
    }

    @GetMapping("/incidents/{incidentId}")
    String room(@PathVariable String incidentId, @RequestParam(required = false) String asOf, Model model) {
        rooms.fill(model, incidentId, instant(asOf), FormErrors.NONE);
        return "room";
    }

    /** New timeline entries, each as the room's rendered list item, for htmx's SSE extension. */
    @GetMapping(path = "/incidents/{incidentId}/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter live(@PathVariable String incidentId, @RequestParam(defaultValue = "-1") long after) {
        return liveTimelines.follow(incidentId, after, entry -> SseEmitter.event()
                .name("entry").id(Long.toString(entry.sequence())).data(render(entry)));
    }

    @GetMapping("/incidents/{incidentId}/postmortem")
    String postmortem(@PathVariable String incidentId, Model model) throws JsonProcessingException {
        PostmortemView postmortem = postmortem(incidentId);
        List<TimelineEntryView> entries = reads.optional(new FindTimeline(incidentId), TimelineView.class)
                .map(TimelineView::entries).orElse(List.of());
        model.addAttribute("postmortem", postmortem);
        model.addAttribute("document", HtmlPostmortem.body(postmortem));
        model.addAttribute("measures", postmortem.correctiveMeasures());
        model.addAttribute("key", UUID.randomUUID().toString());
        model.addAttribute("chart", json.writeValueAsString(Charts.timeline(entries)));
        return "postmortem";
    }

    @GetMapping("/incidents/{incidentId}/postmortem.md")
    ResponseEntity<String> markdown(@PathVariable String incidentId) {
        return download(incidentId, "md", MediaType.parseMediaType("text/markdown;charset=UTF-8"),
                MarkdownPostmortem.render(postmortem(incidentId)));
    }

    @GetMapping("/incidents/{incidentId}/postmortem.html")
    ResponseEntity<String> html(@PathVariable String incidentId) {
        return download(incidentId, "html", MediaType.parseMediaType("text/html;charset=UTF-8"),
                HtmlPostmortem.render(postmortem(incidentId)));
    }

    @GetMapping("/incidents/{incidentId}/postmortem.json")
    ResponseEntity<String> json(@PathVariable String incidentId) throws JsonProcessingException {
        return download(incidentId, "json", MediaType.APPLICATION_JSON,
                json.writeValueAsString(postmortem(incidentId)));
    }

    private PostmortemView postmortem(String incidentId) {
        return reads.optional(new FindPostmortem(incidentId), PostmortemView.class)
                .orElseThrow(() -> new IncidentNotFoundException(incidentId));
    }

    private String render(TimelineEntryView entry) {
        Context context = new Context(Locale.ROOT, Map.of("entries", List.of(EntryRow.of(entry))));
        return templates.process("entry", context).strip();
    }

    private static ResponseEntity<String> download(String incidentId, String extension, MediaType type, String body) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("postmortem-" + incidentId + "." + extension).build().toString())
                .body(body);
    }

    /** The slider sends seconds since 1970; a link or a person may send an ISO-8601 instant. */
    static Instant instant(String asOf) {
        if (asOf == null || asOf.isBlank()) {
            return null;
        }
        String value = asOf.strip();
        try {
            return value.chars().allMatch(Character::isDigit) && value.length() < 12
                    ? Instant.ofEpochSecond(Long.parseLong(value)) : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw Problems.invalidField("asOf", "must be an ISO-8601 instant or seconds since 1970, not '" + value + "'");
        }
    }

    private static <E extends Enum<E>> Set<E> choice(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return EnumSet.of(constant);
            }
        }
        throw Problems.invalidField(name, "is not one of " + EnumSet.allOf(type));
    }

    /** A line of the incident list; an open incident's duration ticks in the browser from its detection. */
    public record IncidentLine(String incidentId, String title, String status, String severity, String services,
                               boolean drill, String detectedAt, String duration, boolean open,
                               long detectedEpochMillis) {

        static IncidentLine of(IncidentView incident) {
            Instant end = incident.resolvedAt() != null ? incident.resolvedAt() : Instant.now();
            return new IncidentLine(incident.incidentId(), incident.title(), incident.status().name(),
                    incident.severity().name(), String.join(", ", incident.affectedServices()), incident.drill(),
                    Formats.time(incident.detectedAt()),
                    Formats.duration(end.getEpochSecond() - incident.detectedAt().getEpochSecond()),
                    incident.status() != IncidentStatus.RESOLVED, incident.detectedAt().toEpochMilli());
        }
    }
}
