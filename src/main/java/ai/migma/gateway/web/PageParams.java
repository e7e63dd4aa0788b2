package ai.migma.gateway.web;

/**
 * The {@code page}/{@code limit} paging of Migma's contact, tag and segment lists: pages count from 1, at most
 * {@link Pagination#MAX_LIMIT} items each. Out-of-range values are 400s, never silently clamped.
 */
public record PageParams(int page, int limit) {

    public static final int DEFAULT_LIMIT = 20;

    public PageParams {
        if (page < 1) {
            throw ApiException.invalid("page must be at least 1");
        }
        if (limit < 1 || limit > Pagination.MAX_LIMIT) {
            throw ApiException.invalid("limit must be between 1 and " + Pagination.MAX_LIMIT);
        }
    }

    public static PageParams of(Integer page, Integer limit) {
        return new PageParams(page == null ? 1 : page, limit == null ? DEFAULT_LIMIT : limit);
    }

    public long offset() {
        return (long) (page - 1) * limit;
    }
}
