package dev.blackbox.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.axoniq.axonserver.connector.AxonServerConnectionFactory;
import io.axoniq.axonserver.connector.event.AggregateEventStream;
import io.axoniq.axonserver.connector.event.EventChannel;
import io.axoniq.axonserver.connector.impl.ServerAddress;
import io.axoniq.axonserver.grpc.event.Event;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link KillDashNineUnderLoad} on the axonserver profile, against a running Axon Server named by the
 * system property {@code blackbox.axon-server} (host:port of its gRPC port): an answered command's event
 * must have been stored by Axon Server before the answer. Axon Server is not on Maven Central nor in
 * Debian, so CI cannot start one and this check is not part of {@code verify}; it is run by hand, as the
 * README says, against an Axon Server of one's own.
 */
class AxonServerCrashRecoveryCheck extends KillDashNineUnderLoad {

    private final String axonServer = System.getProperty("blackbox.axon-server");

    @Override
    String[] storeSettings() {
        assertThat(axonServer).as("-Dblackbox.axon-server=host:port of the Axon Server to check against").isNotBlank();
        return new String[] {"spring.profiles.active=axonserver", "axon.axonserver.servers=" + axonServer};
    }

    @Override
    Map<String, List<String>> storedNotes(Path dataDir, Set<String> incidents) throws Exception {
        String[] hostAndPort = axonServer.split(":");
        AxonServerConnectionFactory factory = AxonServerConnectionFactory.forClient("blackbox-crash-check")
                .routingServers(new ServerAddress(hostAndPort[0], Integer.parseInt(hostAndPort[1])))
                .build();
        try {
            EventChannel store = factory.connect("default").eventChannel();
            Map<String, List<String>> notes = new HashMap<>();
            for (String incident : incidents) {
                // Every event from the first, not from the incident's latest snapshot.
                AggregateEventStream events = store.openAggregateStream(incident, false);
                while (events.hasNext()) {
                    Event event = events.next();
                    if (event.getPayload().getType().equals(NOTE_ADDED)) {
                        notes.computeIfAbsent(incident, id -> new ArrayList<>())
                                .add(noteId(event.getPayload().getData().toByteArray()));
                    }
                }
            }
            return notes;
        } finally {
            factory.shutdown();
        }
    }
}
