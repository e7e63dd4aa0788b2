package ai.migma.gateway.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * The query and form parameters' half of {@link StorableTextAdvice}: a NUL or lone surrogate in any parameter
 * ({@code search}, {@code tags}, a dashboard form's key name) is a 400 naming it, before the handler runs.
 */
final class StorableParametersInterceptor implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            String name = parameter.getKey();
            Fields.requireStorable("parameter name", name);
            for (String value : parameter.getValue()) {
                Fields.requireStorable(name, value);
            }
        }
        return true;
    }
}
