package dev.blackbox.query.subscriptions;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** What a delivery's body looks like. */
public enum SubscriptionFormat {
    /** The timeline entry as the API shows it, with the incident, sequence, position and event type. */
    BLACKBOX,
    /** A Slack incoming-webhook message (text and blocks), which Mattermost and others take too. */
    SLACK;

    @JsonValue
    String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    static SubscriptionFormat of(String value) {
        return Arrays.stream(values()).filter(format -> format.json().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("format must be blackbox or slack"));
    }
}
