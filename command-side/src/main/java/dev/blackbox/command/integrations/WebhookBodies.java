package dev.blackbox.command.integrations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blackbox.plumbing.web.Problems;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Reads a sender's webhook body before it is mapped, or refuses it, or its fields, as a 400 that records nothing. */
public final class WebhookBodies {

    private WebhookBodies() {
    }

    /**
     * {@code body} as {@code type}.
     *
     * @param what the webhook expected, as a refusal names it, e.g. "a PagerDuty webhook"
     */
    public static <T> T read(ObjectMapper objectMapper, byte[] body, Class<T> type, String what) {
        try {
            T webhook = objectMapper.readValue(body, type);
            if (webhook == null) {
                throw unreadable("the request body is not a JSON object");
            }
            return webhook;
        } catch (JsonProcessingException e) {
            throw unreadable(e.getLocation() == null ? "the request body is not " + what
                    : "the request body is not " + what + " (at line " + e.getLocation().getLineNr()
                            + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw unreadable("the request body could not be read");
        }
    }

    /** A 400 naming every problem, each also as a field and message under {@code errors}. */
    public static ErrorResponseException invalid(List<FieldProblem> problems) {
        ProblemDetail problem = Problems.document(HttpStatus.BAD_REQUEST, Problems.INVALID,
                String.join("; ", problems.stream().map(p -> p.field() + " " + p.message()).toList())
                        + "; nothing was recorded");
        problem.setProperty("errors", problems.stream()
                .map(p -> Map.of("field", p.field(), "message", p.message())).toList());
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }

    private static ErrorResponseException unreadable(String detail) {
        return Problems.refusal(HttpStatus.BAD_REQUEST, "Unreadable request body", detail + "; nothing was recorded");
    }
}
