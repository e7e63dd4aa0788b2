package ai.migma.gateway.web;

import java.util.UUID;

/** Ids taken from a URL: one that cannot name anything is simply not found, never a 400 or a 500. */
public final class PathIds {

    private PathIds() {
    }

    public static UUID uuid(String raw, String what) {
        if (raw == null || raw.length() != 36) {
            throw ApiException.notFound(what);
        }
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound(what);
        }
    }
}
