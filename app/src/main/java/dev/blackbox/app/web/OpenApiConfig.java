package dev.blackbox.app.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the generated OpenAPI document cannot see in the controllers: every call takes a bearer token,
 * and every error is an RFC 9457 problem document.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    private static final String BEARER = "bearer";
    private static final String PROBLEM = "Problem";

    @Bean
    OpenAPI blackboxOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Blackbox API")
                        .description("The flight recorder for outages: record what happens during an incident, read"
                                + " its timeline, postmortem and metrics."))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("An API token: Authorization: Bearer <token>")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /**
     * The problem answers each operation can give, by what it takes. The schema is added here, with
     * its first references: springdoc drops unreferenced schemas before customizers run.
     */
    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            openApi.getComponents().addSchemas(PROBLEM, problemSchema());
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                    problemResponses(path, method, operation)));
        };
    }

    private static void problemResponses(String path, PathItem.HttpMethod method, Operation operation) {
        problem(operation, "400", "Invalid request: the fields to fix are listed");
        problem(operation, "401", "No token, or an unknown one");
        problem(operation, "403", "The token's role is too low");
        if (path.contains("{")) {
            problem(operation, "404", "Not found");
        }
        if (method != PathItem.HttpMethod.GET) {
            problem(operation, "409", "A rule was broken (the problem's rule names it) or the id is taken");
            problem(operation, "413", "The body is too large");
        }
        if (method == PathItem.HttpMethod.GET && path.startsWith("/api/v1/incidents")) {
            problem(operation, "503", "minPosition not reached within blackbox.consistency.max-wait");
        }
    }

    private static void problem(Operation operation, String status, String description) {
        if (operation.getResponses() == null || operation.getResponses().containsKey(status)) {
            return;
        }
        operation.getResponses().addApiResponse(status, new ApiResponse().description(description)
                .content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
    }

    private static Schema<?> problemSchema() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", new StringSchema().example("about:blank"));
        properties.put("title", new StringSchema().example("Rule violated"));
        properties.put("status", new IntegerSchema().example(409));
        properties.put("detail", new StringSchema().example("incident checkout-1 is resolved"));
        properties.put("instance", new StringSchema().example("/api/v1/incidents/checkout-1/hypotheses"));
        properties.put("rule", new StringSchema().description("The broken rule, on 409s from the incident's rules"));
        properties.put("errors", new ObjectSchema().description("Field errors: [{field, message}], on 400s"));
        return new ObjectSchema().description("RFC 9457 problem document").properties(properties);
    }
}
