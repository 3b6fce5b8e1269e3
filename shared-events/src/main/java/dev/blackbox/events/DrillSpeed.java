package dev.blackbox.events;

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
}
