package ai.migma.gateway.web;

/** The {@code pagination} object of offset-paged lists, and the bounds every such list enforces. */
public record Pagination(long total, int limit, int offset, boolean hasMore) {

    public static final int MAX_LIMIT = 100;

    public static Pagination of(long total, int limit, int offset) {
        return new Pagination(total, limit, offset, (long) offset + limit < total);
    }

    public static void check(int limit, int offset) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.invalid("limit must be between 1 and " + MAX_LIMIT);
        }
        if (offset < 0) {
            throw ApiException.invalid("offset must not be negative");
        }
    }
}
