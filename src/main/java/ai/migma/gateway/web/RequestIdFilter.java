package ai.migma.gateway.web;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;

/**
 * Gives every request an id before anything else runs, so that every response, including the ones the security
 * chain writes, carries {@code X-Request-Id} and every log line of the request can be found by it; and times the
 * whole request for {@code http.server.requests} ({@link RequestMetrics}), which needs no filter of its own.
 * Registered for the request's first dispatch only (WebConfiguration), so, like Spring's OncePerRequestFilter but
 * without its three attribute calls a request, it runs once.
 */
final class RequestIdFilter extends HttpFilter {

    static final String MDC_KEY = "requestId";

    private final RequestMetrics metrics;

    RequestIdFilter(RequestMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = RequestIds.chooseFor(request.getHeader(RequestIds.HEADER));
        request.setAttribute(RequestIds.ATTRIBUTE, id);
        response.setHeader(RequestIds.HEADER, id);
        MDC.put(MDC_KEY, id);
        long start = System.nanoTime();
        Throwable failure = null;
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            MDC.remove(MDC_KEY);
            time(request, response, start, failure);
        }
    }

    private void time(HttpServletRequest request, HttpServletResponse response, long start, Throwable failure) {
        if (!request.isAsyncStarted()) {
            metrics.record(request, response, System.nanoTime() - start, failure);
            return;
        }
        // Timed when the async request completes; the container calls onComplete after onError as well.
        request.getAsyncContext().addListener(new AsyncListener() {
            private volatile Throwable error;

            @Override
            public void onComplete(AsyncEvent event) {
                metrics.record(request, response, System.nanoTime() - start, error);
            }

            @Override
            public void onError(AsyncEvent event) {
                error = event.getThrowable();
            }

            @Override
            public void onTimeout(AsyncEvent event) {
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
            }
        });
    }
}
