package dev.blackbox.app.config;

import java.util.Arrays;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Reads {@code blackbox.mode} ({@code all}, {@code command} or {@code query}; default {@code all}).
 * A misspelt mode stops the start instead of silently running nothing.
 */
class SideCondition implements Condition {

    static final String PROPERTY = "blackbox.mode";

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Side[] needed = (Side[]) metadata.getAnnotationAttributes(ConditionalOnSide.class.getName()).get("value");
        ProcessSides sides = Binder.get(context.getEnvironment()).bind(PROPERTY, ProcessSides.class)
                .orElse(ProcessSides.ALL);
        return Arrays.stream(needed).allMatch(sides::include);
    }
}
