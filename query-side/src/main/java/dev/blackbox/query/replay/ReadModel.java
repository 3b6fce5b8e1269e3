package dev.blackbox.query.replay;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a projection as one read model of the shared {@link ReadModelProcessor#PROCESSING_GROUP} processor:
 * the name its rebuild goes by (POST /api/v1/admin/projections/{name}/replay).
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ReadModel {

    String value();
}
