package dev.blackbox.app.config;

/** The two halves of Blackbox that can run in separate processes. */
enum Side {
    /** HTTP command API and the Incident aggregate: writes events. */
    COMMAND,
    /** Projections, the HTTP query API, postmortems and metrics: reads events. */
    QUERY
}
