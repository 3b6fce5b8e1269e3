package dev.blackbox.plumbing.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.AbstractJackson2HttpMessageConverter;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Lets a request body repeat an id its path already carries. Bodies use the events' field names, so
 * bots send {@code {"hypothesisId": "h1", ...}} to {@code .../hypotheses/h1/rule-out}: the same value is
 * taken out of the body before it is bound, a different one is refused naming both, and every other
 * unknown field is still refused by the strict binding.
 */
@ControllerAdvice
public class PathIdsInBody extends RequestBodyAdviceAdapter {

    private final ObjectMapper objectMapper;

    public PathIdsInBody(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    @Override
    public boolean supports(MethodParameter body, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        return AbstractJackson2HttpMessageConverter.class.isAssignableFrom(converterType)
                && body.getMethod() != null
                && List.of(body.getMethod().getParameters()).stream()
                        .anyMatch(parameter -> parameter.isAnnotationPresent(PathVariable.class));
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage message, MethodParameter body, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        byte[] bytes = message.getBody().readAllBytes();
        JsonNode tree;
        try {
            tree = objectMapper.readTree(bytes);
        } catch (JsonProcessingException malformed) {
            // The binding reads the same bytes again and says where they are malformed.
            return new BufferedMessage(message.getHeaders(), bytes);
        }
        if (!(tree instanceof ObjectNode fields)) {
            return new BufferedMessage(message.getHeaders(), bytes);
        }
        boolean repeated = false;
        for (Map.Entry<String, String> pathId : pathVariables().entrySet()) {
            JsonNode inBody = fields.get(pathId.getKey());
            if (inBody == null) {
                continue;
            }
            if (!inBody.isTextual() || !inBody.textValue().equals(pathId.getValue())) {
                throw differs(pathId.getKey(), pathId.getValue(), inBody);
            }
            fields.remove(pathId.getKey());
            repeated = true;
        }
        return new BufferedMessage(message.getHeaders(), repeated ? objectMapper.writeValueAsBytes(fields) : bytes);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> pathVariables() {
        RequestAttributes request = RequestContextHolder.currentRequestAttributes();
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE,
                RequestAttributes.SCOPE_REQUEST);
        return variables == null ? Map.of() : (Map<String, String>) variables;
    }

    private static ErrorResponseException differs(String field, String inPath, JsonNode inBody) {
        return Problems.invalidField(field,
                "is " + inBody + " in the body but \"" + inPath + "\" in the path; leave it out or send the same");
    }

    private record BufferedMessage(HttpHeaders headers, byte[] body) implements HttpInputMessage {

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }

        @Override
        public InputStream getBody() {
            return new ByteArrayInputStream(body);
        }
    }
}
