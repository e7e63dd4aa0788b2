package ai.migma.gateway.authorization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertAll;

import ai.migma.gateway.apikey.Permission;
import ai.migma.gateway.authorization.RoutePermissions.Rule;
import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayClient.Reply;
import ai.migma.gateway.support.GatewayTest;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every route of docs/API.md ("Routes") over HTTP, with a key that lacks its permission (403, the body of docs/API.md,
 * "Permissions", for every method that would reach its handler: HEAD with GET) and with a key that holds only that
 * permission (admitted: whatever the route answers, it is not 401 or 403); and the table's default deny, for a key that
 * holds everything.
 */
@GatewayTest
class PermissionMatrixTest {

    @Autowired
    GatewayClient gateway;
    String account;

    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    @BeforeEach
    void account() {
        account = gateway.createAccount("enterprise", 100_000);
    }

    private static String path(Rule rule) {
        // Every variable gets a value no route can know: an id of nobody's, a format or file name of nothing.
        return rule.pattern().replaceAll("\\{[A-Za-z]+}", UUID.randomUUID().toString());
    }

    private Reply call(Rule rule, String key) {
        return gateway.call(rule.method().name(), path(rule), key, rule.method().name().equals("GET") ? null : "{}");
    }

    @Test
    void aKeyWithoutTheRoutesPermissionGets403() {
        String none = gateway.createKey(account, "test").get("key").asString();

        assertAll(RoutePermissions.RULES.stream().filter(rule -> !rule.anyOf().isEmpty())
                .map(rule -> (Executable) () -> {
                    Reply reply = call(rule, none);
                    assertThat(reply.status()).as(rule.toString()).isEqualTo(403);
                    assertThat(reply.json().get("error").asString()).isEqualTo("Insufficient permissions");
                    assertThat(reply.json().get("success").asBoolean()).isFalse();
                }));
    }

    /**
     * HEAD is served by the GET handler, so a HEAD that passed would tell a match from a miss by its Content-Length:
     * it must be refused like the GET. Any other method is either a rule of its own (checked above, or open to any
     * key) or refused before a handler, never admitted.
     */
    @Test
    void aKeyWithoutTheRoutesPermissionGetsNoMethodThroughToItsHandler() {
        String none = gateway.createKey(account, "test").get("key").asString();

        assertAll(RoutePermissions.RULES.stream().filter(rule -> !rule.anyOf().isEmpty())
                .flatMap(rule -> METHODS.stream().map(method -> (Executable) () -> {
                    Reply reply = gateway.call(method, path(rule), none, null);
                    boolean sameHandler = method.equals(rule.method().name())
                            || method.equals("HEAD") && rule.method().name().equals("GET");
                    if (sameHandler) {
                        assertThat(reply.status()).as(method + " " + rule.pattern()).isEqualTo(403);
                    } else if (openRule(method, rule.pattern())) {
                        // Another rule of the same path that admits any key (GET of a knowledge base): its handler.
                        assertThat(reply.status()).as(method + " " + rule.pattern()).isNotIn(401, 403, 405, 500);
                    } else {
                        // Another rule of the same path (which this key lacks too) or no rule: never a handler.
                        assertThat(reply.status()).as(method + " " + rule.pattern()).isIn(403, 405);
                    }
                })));
    }

    /** Whether a rule for {@code method} (HEAD as GET) on {@code pattern} admits any valid key. */
    private static boolean openRule(String method, String pattern) {
        String handled = method.equals("HEAD") ? "GET" : method;
        return RoutePermissions.RULES.stream().anyMatch(other -> other.method().name().equals(handled)
                && other.pattern().equals(pattern) && other.anyOf().isEmpty());
    }

    @Test
    void aRequestNoRuleAdmitsGets404WhateverItsKeyHolds() {
        String all = gateway.createKey(account, "test", Permission.builtIn().stream().map(Permission::scope)
                .toArray(String[]::new)).get("key").asString();

        assertAll(Stream.of("/v1/nothing-here", "/v1/contacts/x/y", "/v1/projects/x/secret", "/v1", "/v1/")
                .flatMap(path -> METHODS.stream().map(method -> (Executable) () -> {
                    Reply reply = gateway.call(method, path, all, null);
                    assertThat(reply.status()).as(method + " " + path).isEqualTo(404);
                    if (!method.equals("HEAD")) {
                        assertThat(reply.json().get("code").asString()).isEqualTo("not_found");
                    }
                })));
    }

    @Test
    void aKeyWithTheRoutesPermissionIsAdmitted() {
        // A rule without permissions admits any key: tried with one that has none (null here).
        assertAll(RoutePermissions.RULES.stream().flatMap(rule -> (rule.anyOf().isEmpty()
                ? Stream.<Permission>of((Permission) null) : rule.anyOf().stream())
                .map(permission -> (Executable) () -> {
                    String key = permission == null ? gateway.createKey(account, "test").get("key").asString()
                            : gateway.createKey(account, "test", permission.scope()).get("key").asString();
                    Reply reply = call(rule, key);
                    assertThat(reply.status()).as(rule + " with " + permission + ": " + reply.text())
                            .isNotIn(401, 403, 405, 500);
                    assertThat(reply.json().has("success")).isTrue();
                })));
    }
}
