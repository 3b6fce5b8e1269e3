package dev.blackbox.app.web;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/** Has Tomcat report the requests it refuses itself with {@link ProblemErrorReportValve}. */
@Component
class TomcatErrorReports implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        // The host creates its error report valve from this class name when it starts, after this runs.
        factory.addContextCustomizers(context -> ((StandardHost) context.getParent())
                .setErrorReportValveClass(ProblemErrorReportValve.class.getName()));
    }
}
