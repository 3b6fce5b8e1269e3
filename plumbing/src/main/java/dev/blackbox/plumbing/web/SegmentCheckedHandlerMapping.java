package dev.blackbox.plumbing.web;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.http.server.PathContainer;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Spring MVC's mapping of requests to controller methods, which passes over a mapping whose path
 * cannot match the request's by comparing their segments, before asking the mapping's conditions.
 * <p>
 * A path with a variable in it, such as {@code /api/v1/incidents/{id}/notes}, has no direct match, so
 * Spring tests the request against every mapping: its method, parameters, headers, content types and
 * then its path, element by element, most of them far along the prefix the API's paths share, for
 * every request the API takes (docs/benchmarks.md). Only paths made of plain segments and
 * whole-segment variables are compared here; for any other pattern, or a request path with an empty
 * or trailing segment, every mapping is asked as before, so a mapping is only ever passed over when
 * Spring would have found that its path does not match.
 */
final class SegmentCheckedHandlerMapping extends RequestMappingHandlerMapping {

    /** What a literal segment of a compared pattern may hold: a pattern with anything else is not compared. */
    private static final Pattern PLAIN_SEGMENT = Pattern.compile("[A-Za-z0-9._~-]+");
    private static final Pattern WHOLE_VARIABLE = Pattern.compile("\\{[A-Za-z0-9_]+}");

    /** The request path's segments during a lookup on this thread, or null when they are not compared. */
    private static final ThreadLocal<String[]> REQUEST_SEGMENTS = new ThreadLocal<>();

    private final Map<RequestMappingInfo, Segments> segments = new ConcurrentHashMap<>();

    @Override
    protected void registerHandlerMethod(Object handler, Method method, RequestMappingInfo mapping) {
        super.registerHandlerMethod(handler, method, mapping);
        Segments patterns = Segments.of(mapping, getPatternParser());
        if (patterns != null) {
            segments.put(mapping, patterns);
        }
    }

    @Override
    protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
        REQUEST_SEGMENTS.set(ServletRequestPathUtils.hasParsedRequestPath(request)
                ? segmentsOf(ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication())
                : null);
        try {
            return super.lookupHandlerMethod(lookupPath, request);
        } finally {
            REQUEST_SEGMENTS.remove();
        }
    }

    @Override
    protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
        String[] requestSegments = REQUEST_SEGMENTS.get();
        if (requestSegments != null) {
            Segments patterns = segments.get(info);
            if (patterns != null && !patterns.mayMatch(requestSegments)) {
                return null;
            }
        }
        return super.getMatchingMapping(info, request);
    }

    /**
     * The values PathPattern compares a path's segments by, for a path of separators and non-empty
     * segments in turn that does not end with a separator; null for any other path.
     */
    private static String[] segmentsOf(PathContainer path) {
        List<PathContainer.Element> elements = path.elements();
        if (elements.isEmpty() || elements.size() % 2 != 0) {
            return null;
        }
        String[] values = new String[elements.size() / 2];
        for (int i = 0; i < elements.size(); i += 2) {
            if (!(elements.get(i) instanceof PathContainer.Separator)
                    || !(elements.get(i + 1) instanceof PathContainer.PathSegment segment)
                    || segment.valueToMatch().isEmpty()) {
                return null;
            }
            values[i / 2] = segment.valueToMatch();
        }
        return values;
    }

    /**
     * A mapping's path patterns as segments: a literal, or null for a whole-segment variable, which
     * matches any segment.
     */
    record Segments(List<String[]> patterns) {

        /** The mapping's patterns as segments, or null when any of them is more than plain segments and variables. */
        static Segments of(RequestMappingInfo mapping, PathPatternParser parser) {
            PathPatternsRequestCondition condition = mapping.getPathPatternsCondition();
            if (condition == null || parser == null || !parser.isCaseSensitive()
                    || parser.getPathOptions().separator() != '/') {
                return null;
            }
            Set<PathPattern> patterns = condition.getPatterns();
            List<String[]> compared = new ArrayList<>(patterns.size());
            for (PathPattern pattern : patterns) {
                String[] parts = partsOf(pattern.getPatternString());
                if (parts == null) {
                    return null;
                }
                compared.add(parts);
            }
            return compared.isEmpty() ? null : new Segments(compared);
        }

        private static String[] partsOf(String pattern) {
            if (pattern.length() < 2 || pattern.charAt(0) != '/') {
                return null;
            }
            String[] parts = pattern.substring(1).split("/", -1);
            for (int i = 0; i < parts.length; i++) {
                if (WHOLE_VARIABLE.matcher(parts[i]).matches()) {
                    parts[i] = null;
                } else if (!PLAIN_SEGMENT.matcher(parts[i]).matches()) {
                    return null;
                }
            }
            return parts;
        }

        boolean mayMatch(String[] request) {
            for (String[] pattern : patterns) {
                if (sameShape(pattern, request)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean sameShape(String[] pattern, String[] request) {
            if (pattern.length != request.length) {
                return false;
            }
            // From the last segment: the API's paths share their beginnings and differ at their ends.
            for (int i = pattern.length - 1; i >= 0; i--) {
                if (pattern[i] != null && !pattern[i].equals(request[i])) {
                    return false;
                }
            }
            return true;
        }
    }
}
