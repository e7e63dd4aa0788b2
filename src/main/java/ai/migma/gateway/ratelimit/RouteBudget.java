package ai.migma.gateway.ratelimit;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A route's own budget, beside the plan's: {@code perMinute} requests a minute per account and environment on the
 * route named {@code route} (a proxy route's {@code limit-per-minute}).
 */
public record RouteBudget(String route, long perMinute) {

    /** Finds the budget of the route a request is for. */
    public interface Finder {

        /** Routes without a budget of their own. */
        Finder NONE = request -> null;

        /** The budget of the request's route, or {@code null} when it has none. */
        RouteBudget of(HttpServletRequest request);
    }
}
