package dev.blackbox.events;

import java.util.Arrays;
import java.util.Optional;

/** How fast a drill replays its source incident: real time, 10x, 60x, or everything at once. */
public enum DrillSpeed {
    REAL_TIME(1), TEN_TIMES(10), SIXTY_TIMES(60), INSTANT(0);

    private final int factor;

    DrillSpeed(int factor) {
        this.factor = factor;
    }

    /** How many seconds of the source pass per second of the drill; 0 for {@link #INSTANT}. */
    public int factor() {
        return factor;
    }

    /** How clients write the speed: its factor ("1", "10", "60"), or "instant". */
    public String label() {
        return this == INSTANT ? "instant" : String.valueOf(factor);
    }

    public static Optional<DrillSpeed> fromLabel(String label) {
        return Arrays.stream(values()).filter(speed -> speed.label().equals(label)).findFirst();
    }
}
