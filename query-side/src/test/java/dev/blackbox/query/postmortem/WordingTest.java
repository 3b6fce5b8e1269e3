package dev.blackbox.query.postmortem;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class WordingTest {

    @Test
    void durationsReadLikePeopleWriteThemAndStayExact() {
        assertThat(Wording.duration(12_600)).isEqualTo("3 hours 30 minutes");
        assertThat(Wording.duration(14_400)).isEqualTo("4 hours");
        assertThat(Wording.duration(2_700)).isEqualTo("45 minutes");
        assertThat(Wording.duration(93_600)).isEqualTo("1 day 2 hours");
        assertThat(Wording.duration(58_800)).isEqualTo("16 hours 20 minutes");
        assertThat(Wording.duration(3_601)).isEqualTo("1 hour 1 second");
        assertThat(Wording.duration(0)).isEqualTo("0 seconds");
        assertThat(Wording.duration(-60)).isEqualTo("minus 1 minute");
    }

    @Test
    void momentsAreWrittenIsoStyleInUtc() {
        assertThat(Wording.dateTime(Instant.parse("2024-01-24T15:00:00Z"))).isEqualTo("2024-01-24 15:00 UTC");
        assertThat(Wording.dateTime(Instant.parse("2024-01-24T15:00:07Z"))).isEqualTo("2024-01-24 15:00:07 UTC");
        assertThat(Wording.date(Instant.parse("2024-02-07T00:00:00Z"))).isEqualTo("2024-02-07");
        // A fraction of a second is never written, and does not make the seconds appear.
        assertThat(Wording.dateTime(Instant.parse("2024-01-24T00:00:00.750Z"))).isEqualTo("2024-01-24 00:00 UTC");
        assertThat(Wording.time(Instant.parse("2024-01-24T09:05:03.250Z"))).isEqualTo("09:05:03 UTC");
    }
}
