package dev.blackbox.command.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blackbox.command.incident.CommandFailure;
import dev.blackbox.command.incident.ImportIncident;
import dev.blackbox.command.incident.Rule;
import dev.blackbox.command.incident.RuleViolation;
import dev.blackbox.command.web.NdjsonHistory;
import dev.blackbox.events.IncidentEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Imports a folder of exported incidents (NDJSON, one file per incident) at start-up so they can
 * be drilled. Incidents already present are left alone, so restarts import nothing twice; a file
 * that cannot be imported is reported and skipped.
 */
@Component
class TrainingLibrary implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(TrainingLibrary.class);

    private final String location;
    private final CommandGateway commandGateway;
    private final ObjectMapper objectMapper;
    private final Configuration axon;

    TrainingLibrary(@Value("${blackbox.training.library:}") String location, CommandGateway commandGateway,
                    ObjectMapper objectMapper, Configuration axon) {
        this.location = location;
        this.commandGateway = commandGateway;
        this.objectMapper = objectMapper;
        this.axon = axon;
    }

    @Override
    public void run(ApplicationArguments arguments) throws IOException {
        if (location.isBlank()) {
            return;
        }
        String pattern = (location.startsWith("classpath:") ? location : "file:" + location) + "/*.ndjson";
        Resource[] files = new PathMatchingResourcePatternResolver().getResources(pattern);
        Arrays.sort(files, Comparator.comparing(Resource::getFilename));
        int imported = 0;
        for (Resource file : files) {
            if (load(file)) {
                imported++;
            }
        }
        log.info("Training library {}: {} incidents found, {} imported", location, files.length, imported);
    }

    /** Raises a refusal as the rule it broke, wherever in the cluster the import was handled. */
    private void importIncident(ImportIncident command) {
        try {
            commandGateway.sendAndWait(command);
        } catch (CommandExecutionException failure) {
            throw CommandFailure.unwrap(failure);
        }
    }

    private boolean load(Resource file) throws IOException {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8))) {
            List<IncidentEvent> events = NdjsonHistory.read(lines, null, objectMapper, axon.upcasterChain(),
                    axon.eventSerializer());
            importIncident(new ImportIncident(events.get(0).incidentId(), events));
            return true;
        } catch (RuleViolation violation) {
            if (violation.rule() != Rule.INCIDENT_ALREADY_EXISTS) {
                log.warn("Training library file {} skipped: {}", file.getFilename(), violation.getMessage());
            }
            return false;
        } catch (ErrorResponseException invalid) {
            log.warn("Training library file {} skipped: {}", file.getFilename(), invalid.getBody().getDetail());
            return false;
        }
    }
}
