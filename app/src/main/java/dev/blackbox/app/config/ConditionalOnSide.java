package dev.blackbox.app.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/** Loads the annotated configuration only when {@code blackbox.mode} includes every given side. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Conditional(SideCondition.class)
@interface ConditionalOnSide {

    Side[] value();
}
