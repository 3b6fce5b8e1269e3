package dev.blackbox.query.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.Test;

/**
 * A delivered fact's position is its own place in the store, also when it committed after a later
 * event: the tokens below are the ones the JDBC store hands out (it advances them the same way).
 */
class SubscriptionTokensTest {

    private static final int MAX_GAP_OFFSET = 10_000;

    @Test
    void anEventThatFillsAGapHasTheGapsPositionNotTheHighestSeen() {
        GapAwareTrackingToken start = GapAwareTrackingToken.newInstance(5, List.of());
        // 7 committed before 6: the reader sees 7 first, with 6 a gap, then 6
        GapAwareTrackingToken seven = start.advanceTo(7, MAX_GAP_OFFSET);
        GapAwareTrackingToken six = seven.advanceTo(6, MAX_GAP_OFFSET);

        assertThat(SubscriptionTokens.position(six)).as("the token's own position").isEqualTo(7);
        assertThat(SubscriptionTokens.positionOf(start, seven)).isEqualTo(7);
        assertThat(SubscriptionTokens.positionOf(seven, six)).isEqualTo(6);
    }

    @Test
    void aFilledGapIsFoundAmongOthersAndAfterOlderGapsWereTruncated() {
        GapAwareTrackingToken before = GapAwareTrackingToken.newInstance(20, List.of(3L, 11L, 12L, 15L));
        GapAwareTrackingToken filled = before.advanceTo(12, 9);

        assertThat(filled.getGaps()).doesNotContain(3L, 12L);
        assertThat(SubscriptionTokens.positionOf(before, filled)).isEqualTo(12);
    }

    @Test
    void otherwiseThePositionIsTheTokens() {
        assertThat(SubscriptionTokens.positionOf(null, GapAwareTrackingToken.newInstance(4, List.of(2L)))).isEqualTo(4);
        assertThat(SubscriptionTokens.positionOf(new GlobalSequenceTrackingToken(8), new GlobalSequenceTrackingToken(9)))
                .isEqualTo(9);
    }
}
