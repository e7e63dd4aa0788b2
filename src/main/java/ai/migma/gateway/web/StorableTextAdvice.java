package ai.migma.gateway.web;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Every request body, once read, is searched for text PostgreSQL cannot store ({@link Fields#requireStorable}), so a
 * NUL or a lone surrogate anywhere, a custom field or a bulk import's fortieth contact included, is a 400 naming its
 * field ({@code subscribers[39].email}) rather than a failed statement. Bodies are the records, lists and maps
 * Jackson made (no request type takes a JSON tree); other values (numbers, instants, enums) hold no text.
 */
@ControllerAdvice
final class StorableTextAdvice extends RequestBodyAdviceAdapter {

    /** JSON nests no deeper than this in any request the gateway takes; deeper parts are not searched. */
    private static final int MAX_DEPTH = 32;

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage input, MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        search("body", body, 0);
        return body;
    }

    private static void search(String field, Object value, int depth) {
        if (value == null || depth > MAX_DEPTH) {
            return;
        }
        if (value instanceof String text) {
            Fields.requireStorable(field, text);
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                Fields.requireStorable(field + " key", key);
                search(child(field, key), entry.getValue(), depth + 1);
            }
        } else if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                search(field + "[" + index++ + "]", item, depth + 1);
            }
        } else if (value instanceof Object[] items) {
            for (int i = 0; i < items.length; i++) {
                search(field + "[" + i + "]", items[i], depth + 1);
            }
        } else if (value instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                search(child(field, component.getName()), read(component, record), depth + 1);
            }
        }
    }

    /** The top-level body's fields are named alone ({@code name}), nested ones by their path ({@code a.b}). */
    private static String child(String parent, String name) {
        return parent.equals("body") ? name : parent + "." + name;
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            Method accessor = component.getAccessor();
            // Request records are nested in package-private controllers: their accessors are public, their class not.
            accessor.setAccessible(true);
            return accessor.invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + component.getName() + " of a request body", e);
        }
    }
}
