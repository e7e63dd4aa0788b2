package ai.migma.gateway.database;

/** The embedded database will not start here; {@link #action()} says what to do instead. */
public final class EmbeddedDatabaseRefusedException extends RuntimeException {

    private final String reason;
    private final String action;

    public EmbeddedDatabaseRefusedException(String reason, String action) {
        super(reason + ". " + action);
        this.reason = reason;
        this.action = action;
    }

    public String reason() {
        return reason;
    }

    public String action() {
        return action;
    }
}
