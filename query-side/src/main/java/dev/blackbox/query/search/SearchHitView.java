package dev.blackbox.query.search;

import java.util.List;

/**
 * One fact that matched: its incident and timeline entry (the event's sequence number, as
 * {@code sequence} in the timeline), what kind of fact it is, and its text with the matched words in
 * {@code <mark>} and everything else HTML-escaped.
 */
public record SearchHitView(String incidentId, long sequence, String kind, List<String> fragments, float score) {

    public SearchHitView {
        fragments = List.copyOf(fragments);
    }
}
