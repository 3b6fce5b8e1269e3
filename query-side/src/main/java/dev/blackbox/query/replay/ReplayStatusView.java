package dev.blackbox.query.replay;

import java.util.List;

/**
 * Where a read model's processor, which all read models share, stands against the head of the event
 * store. {@code state} is {@code replaying} while a rebuild runs, {@code catching-up} when it is behind
 * for other reasons, {@code done} when every segment is live and caught up, {@code stopped} or
 * {@code failed} otherwise.
 *
 * @param position the lowest position any segment has reached, or null while a segment has handled none
 * @param head     the position of the newest stored event, or null when the store is empty
 */
public record ReplayStatusView(
        String name,
        String state,
        Long position,
        Long head,
        int segments,
        List<String> errors) {
}
