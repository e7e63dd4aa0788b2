package ai.migma.gateway.apidocs;

import ai.migma.gateway.apikey.Permission;
import ai.migma.gateway.authorization.RoutePermissions;
import ai.migma.gateway.web.ErrorCode;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of the {@code /v1} routes ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}).
 * Each operation's permission and its 401/403/429 answers come from {@link RoutePermissions}, the table the gateway
 * enforces, so the document cannot drift from what a key is actually allowed.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String SCHEME = "migmaApiKey";
    static final String PERMISSIONS_EXTENSION = "x-required-permissions";

    @Bean
    OpenAPI gatewayOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Migma Gateway").version("v1").description(
                        "Migma's public API behind API-key authentication and per-plan rate limits. Send "
                                + "`Authorization: Bearer mgma_sk_test_...`; every authenticated response carries "
                                + "X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset."))
                .components(new Components()
                        .addSecuritySchemes(SCHEME, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("An API key, mgma_sk_<test|live>_..."))
                        .addSchemas("Error", errorSchema()));
    }

    @Bean
    OpenApiCustomizer routePermissionsCustomizer() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            for (RoutePermissions.Rule rule : RoutePermissions.RULES) {
                PathItem path = openApi.getPaths().get(rule.pattern());
                Operation operation = path == null ? null
                        : path.readOperationsMap().get(PathItem.HttpMethod.valueOf(rule.method().name()));
                if (operation != null) {
                    describe(operation, rule.anyOf());
                }
            }
        };
    }

    private static void describe(Operation operation, List<Permission> anyOf) {
        String needs = anyOf.isEmpty() ? "any valid API key"
                : anyOf.stream().map(p -> "`" + p.scope() + "`").collect(Collectors.joining(" or "));
        String prefix = "**Requires:** " + needs + ".";
        operation.setDescription(operation.getDescription() == null ? prefix
                : prefix + "\n\n" + operation.getDescription());
        operation.addExtension(PERMISSIONS_EXTENSION, anyOf.stream().map(Permission::scope).toList());
        operation.setSecurity(List.of(new SecurityRequirement().addList(SCHEME)));
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        responses.addApiResponse("401", error("Invalid or missing API key", Map.of("WWW-Authenticate", "Bearer")));
        if (!anyOf.isEmpty()) {
            responses.addApiResponse("403", error("Insufficient permissions: the key lacks " + needs, Map.of()));
        }
        responses.addApiResponse("429", error("Rate limit exceeded; retry after Retry-After seconds",
                Map.of("Retry-After", "Seconds until a request is admitted")));
        operation.setResponses(responses);
    }

    private static ApiResponse error(String description, Map<String, String> headers) {
        ApiResponse response = new ApiResponse().description(description).content(new Content().addMediaType(
                "application/json", new MediaType().schema(new Schema<>().$ref("#/components/schemas/Error"))));
        headers.forEach((name, text) -> response.addHeaderObject(name,
                new Header().description(text).schema(new StringSchema())));
        return response;
    }

    @SuppressWarnings("rawtypes")
    private static Schema errorSchema() {
        return new ObjectSchema().description("The error envelope of every non-2xx answer")
                .addProperty("success", new BooleanSchema()._default(false))
                .addProperty("error", new StringSchema().example("Insufficient permissions"))
                .addProperty("code", new StringSchema()._enum(Arrays.stream(ErrorCode.values())
                        .map(ErrorCode::code).distinct().toList()))
                .addProperty("retryAfter", new IntegerSchema().description("On 429 only"))
                .addProperty("metadata", new ObjectSchema().addProperty("timestamp", new StringSchema())
                        .addProperty("requestId", new StringSchema()));
    }
}
