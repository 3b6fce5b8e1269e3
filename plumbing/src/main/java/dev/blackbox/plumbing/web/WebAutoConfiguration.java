package dev.blackbox.plumbing.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** The HTTP edge's rules that hold for every endpoint. */
@AutoConfiguration(after = JacksonAutoConfiguration.class)
@ConditionalOnWebApplication
public class WebAutoConfiguration {

    @Bean
    PathIdsInBody pathIdsInBody(ObjectMapper objectMapper) {
        return new PathIdsInBody(objectMapper);
    }

    @Bean
    WebMvcRegistrations segmentCheckedHandlerMapping() {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new SegmentCheckedHandlerMapping();
            }
        };
    }
}
