package dev.blackbox.app.e2e;

import dev.blackbox.app.BlackboxApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts and stops whole installations by hand, for tests about what survives a restart. */
final class Installations {

    private Installations() {
    }

    /**
     * Starts Blackbox on {@code dataDir} with the test tokens. Settings are command-line arguments,
     * which beat application.yml; {@code settings} replace the test defaults of the same name.
     */
    static ConfigurableApplicationContext start(Path dataDir, String... settings) {
        List<String> arguments = new ArrayList<>(List.of("--blackbox.data-dir=" + dataDir, "--server.port=0"));
        for (String property : Tokens.PROPERTIES) {
            String name = property.substring(0, property.indexOf('=') + 1);
            if (List.of(settings).stream().noneMatch(setting -> setting.startsWith(name))) {
                arguments.add("--" + property);
            }
        }
        for (String setting : settings) {
            arguments.add("--" + setting);
        }
        return new SpringApplicationBuilder(BlackboxApplication.class).run(arguments.toArray(String[]::new));
    }

    static BlackboxClient client(ConfigurableApplicationContext context) {
        return new BlackboxClient(context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
    }
}
