/**
 * The web interface: server-rendered pages (Thymeleaf) for responders, reviewers and trainees. Pages
 * read through the same queries as the API ({@code Reads}, {@code LiveTimelines}) and forms send the
 * API's request records through {@code IncidentCommandSender}, so validation, rules and events are
 * the API's. Loaded by {@code app/config/InterfaceConfig}; secured by
 * {@code app/security/InterfaceSecurityConfig}.
 */
package dev.blackbox.ui;
