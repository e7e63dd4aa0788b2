package ai.migma.gateway.apikey;

import ai.migma.gateway.GatewayProperties;
import com.fasterxml.jackson.annotation.JsonValue;

/** The {@code <env>} part of {@code mgma_sk_<env>_<body>}. */
public enum KeyEnvironment {
    TEST("test"),
    LIVE("live");

    private final String wireName;

    KeyEnvironment(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The keys a gateway in {@code environment} accepts: test keys in development, live keys in production. */
    public static KeyEnvironment acceptedIn(GatewayProperties.Environment environment) {
        return environment == GatewayProperties.Environment.PRODUCTION ? LIVE : TEST;
    }

    /** The environment named {@code name} as clients spell it, or {@code null}. */
    public static KeyEnvironment fromWireName(String name) {
        for (KeyEnvironment environment : values()) {
            if (environment.wireName.equals(name)) {
                return environment;
            }
        }
        return null;
    }
}
