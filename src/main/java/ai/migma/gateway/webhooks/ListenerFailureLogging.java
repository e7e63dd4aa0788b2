package ai.migma.gateway.webhooks;

import java.lang.reflect.Method;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.interceptor.AsyncUncaughtExceptionHandler;
import org.springframework.scheduling.annotation.AsyncConfigurer;
import org.springframework.stereotype.Component;

/**
 * How a failed asynchronous event listener is logged. Spring's default logs it at ERROR with a stack trace, but
 * here a failure loses nothing: the event stays in Spring Modulith's publication registry and is handled again at
 * the next start. So one WARN line says what failed and what happens next; the stack trace is at DEBUG.
 */
@Component
final class ListenerFailureLogging implements AsyncConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ListenerFailureLogging.class);

    @Override
    public AsyncUncaughtExceptionHandler getAsyncUncaughtExceptionHandler() {
        return ListenerFailureLogging::logFailure;
    }

    static void logFailure(Throwable failure, Method method, Object... arguments) {
        log.warn("Handling {} in {}.{} failed ({}); the event stays in the publication registry and is handled"
                + " again at the next start", arguments.length == 1 ? arguments[0].getClass().getSimpleName()
                : "an event", method.getDeclaringClass().getSimpleName(), method.getName(), failure.toString());
        log.debug("Why handling failed", failure);
    }
}
