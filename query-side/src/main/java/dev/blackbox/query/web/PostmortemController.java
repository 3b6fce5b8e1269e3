package dev.blackbox.query.web;

import dev.blackbox.plumbing.web.Problems;
import dev.blackbox.query.postmortem.FindPostmortem;
import dev.blackbox.query.postmortem.PostmortemTemplates;
import dev.blackbox.query.postmortem.PostmortemView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The postmortem in the format the client accepts: Markdown unless it prefers JSON or HTML.
 * Negotiated here rather than by {@code produces} so that {@code *}{@code /*} and a missing
 * Accept header pick Markdown instead of whichever mapping Spring would rank first. A template
 * shapes the Markdown and the HTML; the JSON is the structured postmortem every template is made
 * from, the same whichever template is named (a named template must still exist).
 */
@RestController
@Tag(name = "Postmortems", description = "The postmortem written from the events")
class PostmortemController {

    private static final MediaType MARKDOWN = new MediaType("text", "markdown", StandardCharsets.UTF_8);
    private static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);
    /** In the order preferred when the client accepts several equally. */
    private static final List<MediaType> FORMATS = List.of(MARKDOWN, MediaType.APPLICATION_JSON, HTML);

    private final Reads reads;
    private final PostmortemTemplates templates;

    PostmortemController(Reads reads, PostmortemTemplates templates) {
        this.reads = reads;
        this.templates = templates;
    }

    @GetMapping("/api/v1/incidents/{incidentId}/postmortem")
    @Operation(summary = "The postmortem as text/markdown (default), application/json or text/html; a draft until resolved")
    ResponseEntity<?> postmortem(@PathVariable String incidentId,
                                 @Parameter(description = "classic, google-sre, contributors, brief or a team's own;"
                                         + " blackbox.postmortem.default-template when absent")
                                 @RequestParam(required = false) String template,
                                 @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        MediaType format = negotiate(accept);
        String chosen = templates.resolve(template).orElseThrow(() -> new InvalidQueryException("template",
                "'template' must be one of " + String.join(", ", templates.names()) + ", not '" + template + "'."));
        PostmortemView postmortem = reads.optional(new FindPostmortem(incidentId), PostmortemView.class)
                .orElseThrow(() -> new IncidentNotFoundException(incidentId));
        ResponseEntity.BodyBuilder response = ResponseEntity.ok().contentType(format);
        // Sent as bytes: for a String body Spring encodes the whole document once to count its
        // Content-Length and again to write it, and a large incident's postmortem is hundreds of KB.
        if (format == MARKDOWN) {
            return response.body(templates.markdown(chosen, postmortem).getBytes(StandardCharsets.UTF_8));
        }
        if (format == HTML) {
            return response.body(templates.html(chosen, postmortem).getBytes(StandardCharsets.UTF_8));
        }
        return response.body(postmortem);
    }

    /**
     * Picks the format with the highest quality the client gives it, taking the quality from the
     * most specific media range that matches (so {@code text/html;q=0, *}{@code /*} excludes HTML).
     */
    private static MediaType negotiate(String accept) {
        if (accept == null || accept.isBlank()) {
            return MARKDOWN;
        }
        List<MediaType> accepted;
        try {
            accepted = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            throw Problems.refusal(HttpStatus.BAD_REQUEST, "Invalid Accept header",
                    "The Accept header is not a valid list of media types: " + e.getMessage());
        }
        MediaType best = null;
        double bestQuality = 0;
        for (MediaType format : FORMATS) {
            double quality = quality(format, accepted);
            if (quality > bestQuality) {
                best = format;
                bestQuality = quality;
            }
        }
        if (best == null) {
            throw Problems.refusal(HttpStatus.NOT_ACCEPTABLE, "Format not available",
                    "The postmortem is available as text/markdown, application/json or text/html, not " + accept + ".");
        }
        return best;
    }

    private static double quality(MediaType format, List<MediaType> accepted) {
        MediaType match = null;
        for (MediaType range : accepted) {
            if (range.includes(format) && (match == null || specificity(range) > specificity(match))) {
                match = range;
            }
        }
        return match == null ? 0 : match.getQualityValue();
    }

    private static int specificity(MediaType range) {
        if (range.isWildcardType()) {
            return 0;
        }
        return range.isWildcardSubtype() ? 1 : 2;
    }
}
