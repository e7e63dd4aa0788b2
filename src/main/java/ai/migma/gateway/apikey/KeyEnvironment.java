package ai.migma.gateway.apikey;

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
