package dev.blackbox.plumbing.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.support.StaticWebApplicationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPatternParser;

class SegmentCheckedHandlerMappingTest {

    @RestController
    static class Routes {
        @PostMapping("/api/v1/incidents/{id}/notes")
        void addNote(@PathVariable String id) {
        }

        @PutMapping("/api/v1/incidents/{id}/notes")
        void replaceNote(@PathVariable String id) {
        }

        @PostMapping(path = "/api/v1/incidents/{id}/hypotheses", consumes = "application/json")
        void addHypothesis(@PathVariable String id) {
        }

        @GetMapping("/api/v1/incidents/{id}")
        void incident(@PathVariable String id) {
        }

        @GetMapping("/api/v1/incidents/summary")
        void summary() {
        }

        @GetMapping("/api/v1/incidents/{id}/timeline")
        void timeline(@PathVariable String id) {
        }

        @GetMapping({"/two/{a}", "/deux/{a}/x"})
        void twoPatterns(@PathVariable String a) {
        }

        @GetMapping("/files/**")
        void files() {
        }

        @GetMapping("/numbers/{n:\\d+}")
        void number(@PathVariable String n) {
        }

        @GetMapping("/prefix-{name}")
        void prefixed(@PathVariable String name) {
        }
    }

    private static final List<String> PATHS = List.of(
            "/api/v1/incidents/a/notes", "/api/v1/incidents/a/notes/", "/api/v1/incidents//notes",
            "/api/v1/incidents/a%2Fb/notes", "/api/v1/incidents/a;x=1/notes", "/api/v1/incidents/a/notes;x=1",
            "/api/v1/incident%73/a/notes", "/API/v1/incidents/a/notes",
            "/api/v1/incidents/a/hypotheses", "/api/v1/incidents/a", "/api/v1/incidents/summary",
            "/api/v1/incidents/summary/timeline", "/api/v1/incidents/a/timeline", "/api/v1/incidents/a/b/notes",
            "/api/v1/incidents", "/two/1", "/deux/1/x", "/deux/1", "/files/a/b", "/files", "/numbers/12",
            "/numbers/x", "/prefix-abc", "/", "", "//", "/api//v1/incidents/a/notes");

    /**
     * Every method and path the routes could be asked for is answered by the same handler, or the same
     * refusal (405, 415), as by Spring's own mapping: passing a mapping over never changes the answer.
     */
    @Test
    void aRequestIsMappedAsSpringMapsIt() {
        RequestMappingHandlerMapping spring = mapping(new RequestMappingHandlerMapping());
        RequestMappingHandlerMapping checked = mapping(new SegmentCheckedHandlerMapping());
        List<String> answers = new ArrayList<>();
        for (String method : List.of("GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS")) {
            for (String path : PATHS) {
                for (String contentType : new String[] {null, "application/json", "text/plain"}) {
                    String answer = answer(spring, method, path, contentType);
                    assertThat(answer(checked, method, path, contentType))
                            .as("%s %s (%s)", method, path, contentType).isEqualTo(answer);
                    answers.add(answer);
                }
            }
        }
        // The routes are reached and refused in every way, so the comparison covers each kind of answer.
        assertThat(answers).contains("addNote", "replaceNote", "addHypothesis", "incident", "summary", "timeline",
                "twoPatterns", "files", "number", "prefixed", "none",
                "HttpRequestMethodNotSupportedException", "HttpMediaTypeNotSupportedException");
    }

    @Test
    void aPathOfPlainSegmentsAndVariablesIsComparedSegmentBySegment() {
        var notes = SegmentCheckedHandlerMapping.Segments.of(info("/api/v1/incidents/{id}/notes"), new PathPatternParser());

        assertThat(notes.mayMatch(new String[] {"api", "v1", "incidents", "a", "notes"})).isTrue();
        assertThat(notes.mayMatch(new String[] {"api", "v1", "incidents", "a", "hypotheses"})).isFalse();
        assertThat(notes.mayMatch(new String[] {"api", "v1", "incidents", "a"})).isFalse();
        assertThat(SegmentCheckedHandlerMapping.Segments.of(info("/two/{a}", "/deux/{a}/x"), new PathPatternParser())
                .mayMatch(new String[] {"deux", "1", "x"})).isTrue();
    }

    @Test
    void anyOtherPatternIsLeftToSpring() {
        for (String pattern : List.of("/files/**", "/numbers/{n:\\d+}", "/prefix-{name}", "/a/*", "/a?", "/{*rest}")) {
            assertThat(SegmentCheckedHandlerMapping.Segments.of(info(pattern), new PathPatternParser()))
                    .as(pattern).isNull();
        }
        PathPatternParser caseInsensitive = new PathPatternParser();
        caseInsensitive.setCaseSensitive(false);
        assertThat(SegmentCheckedHandlerMapping.Segments.of(info("/a/{id}"), caseInsensitive)).isNull();
    }

    private static RequestMappingInfo info(String... patterns) {
        RequestMappingInfo.BuilderConfiguration options = new RequestMappingInfo.BuilderConfiguration();
        options.setPatternParser(new PathPatternParser());
        return RequestMappingInfo.paths(patterns).options(options).build();
    }

    private static RequestMappingHandlerMapping mapping(RequestMappingHandlerMapping mapping) {
        StaticWebApplicationContext context = new StaticWebApplicationContext();
        context.registerSingleton("routes", Routes.class);
        context.refresh();
        mapping.setApplicationContext(context);
        mapping.afterPropertiesSet();
        return mapping;
    }

    private static String answer(RequestMappingHandlerMapping mapping, String method, String path, String contentType) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        if (contentType != null) {
            request.setContentType(contentType);
        }
        ServletRequestPathUtils.parseAndCache(request);
        try {
            HandlerExecutionChain chain = mapping.getHandler(request);
            if (chain == null) {
                return "none";
            }
            return chain.getHandler() instanceof HandlerMethod handler ? handler.getMethod().getName()
                    : chain.getHandler().toString();
        } catch (Exception refused) {
            return refused.getClass().getSimpleName();
        }
    }
}
