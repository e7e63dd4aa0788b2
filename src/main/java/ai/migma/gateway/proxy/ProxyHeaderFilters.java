package ai.migma.gateway.proxy;

import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.server.mvc.filter.HttpHeadersFilter;
import org.springframework.cloud.gateway.server.mvc.filter.HttpHeadersFilter.RequestHttpHeadersFilter;
import org.springframework.cloud.gateway.server.mvc.filter.HttpHeadersFilter.ResponseHttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Spring Cloud Gateway's header filters (hop-by-hop headers removed both ways, forwarding headers as configured
 * under {@code spring.cloud.gateway.server.webmvc.*}), in their order, looked up once on first use.
 */
final class ProxyHeaderFilters {

    private final ObjectProvider<RequestHttpHeadersFilter> requestProvider;
    private final ObjectProvider<ResponseHttpHeadersFilter> responseProvider;
    private volatile List<RequestHttpHeadersFilter> requestFilters;
    private volatile List<ResponseHttpHeadersFilter> responseFilters;

    ProxyHeaderFilters(ObjectProvider<RequestHttpHeadersFilter> requestFilters,
            ObjectProvider<ResponseHttpHeadersFilter> responseFilters) {
        this.requestProvider = requestFilters;
        this.responseProvider = responseFilters;
    }

    /** A writable copy of {@code headers}, filtered. */
    HttpHeaders request(HttpHeaders headers, ServerRequest request) {
        List<RequestHttpHeadersFilter> filters = requestFilters;
        if (filters == null) {
            filters = requestProvider.orderedStream().toList();
            requestFilters = filters;
        }
        HttpHeaders filtered = new HttpHeaders();
        filtered.addAll(apply(filters, headers, request));
        return filtered;
    }

    HttpHeaders response(HttpHeaders headers, ServerResponse response) {
        List<ResponseHttpHeadersFilter> filters = responseFilters;
        if (filters == null) {
            filters = responseProvider.orderedStream().toList();
            responseFilters = filters;
        }
        return apply(filters, headers, response);
    }

    private static <T> HttpHeaders apply(List<? extends HttpHeadersFilter<T>> filters, HttpHeaders headers,
            T requestOrResponse) {
        HttpHeaders filtered = headers;
        for (HttpHeadersFilter<T> filter : filters) {
            filtered = filter.apply(filtered, requestOrResponse);
        }
        return filtered;
    }
}
