package ai.migma.gateway.account;

import com.fasterxml.jackson.annotation.JsonValue;

/** Migma's plans. Their per-minute figures are configuration; enterprise takes the account's own figure. */
public enum Plan {
    FREE("free"),
    PRO("pro"),
    ENTERPRISE("enterprise");

    private final String wireName;

    Plan(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The plan named {@code name}, or {@code null}. */
    public static Plan fromWireName(String name) {
        for (Plan plan : values()) {
            if (plan.wireName.equals(name)) {
                return plan;
            }
        }
        return null;
    }
}
