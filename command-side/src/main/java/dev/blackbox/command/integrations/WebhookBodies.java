package dev.blackbox.command.integrations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blackbox.plumbing.web.Problems;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** Reads a sender's webhook body before it is mapped, or refuses it as a 400 that records nothing. */
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

    private static ErrorResponseException unreadable(String detail) {
        return Problems.refusal(HttpStatus.BAD_REQUEST, "Unreadable request body", detail + "; nothing was recorded");
    }
}
