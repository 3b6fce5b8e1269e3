package dev.blackbox.events;

/** Who a note is for: the responders only, or also the people affected (a status-page update). */
public enum NoteVisibility {
    INTERNAL, PUBLIC
}
