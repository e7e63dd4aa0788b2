package ai.migma.gateway.web;

import java.lang.reflect.Executable;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.MethodParameter;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodReturnValueHandler;
import org.springframework.web.method.support.HandlerMethodReturnValueHandlerComposite;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestResponseBodyMethodProcessor;

/**
 * Writes a controller's {@link ApiResponse} with Spring MVC's own body processor, told that the return type is the
 * envelope's class rather than, say, {@code ApiResponse<EventList>}. Given the parameterized type, the processor
 * resolves its generics again on every response (Spring's {@code GenericTypeResolver}, then Jackson's type factory,
 * neither cached for a parameterized type) and asks every return-value handler in turn which one takes it: about
 * 1.5 µs a request on the hot path (docs/PERFORMANCE.md), for a type that changes nothing written. Jackson serializes
 * the envelope by the runtime class of the value either way; the declared type would only matter for a container
 * type, and a record is none. Listed first, so no other handler is asked whether it takes the envelope; anything
 * else, and an envelope from a method Spring's processor would not write as the body, goes on as before.
 *
 * <p>Being listed first is not enough: before Spring's composite of handlers looks for one to take a value, it checks
 * every handler for the interface of those that take asynchronous values, whichever comes first. On Java 17 that search
 * cost the gateway 1.3-2.3 µs a request (on Java 25 about 0.3; docs/PERFORMANCE.md). {@link #first} gives the
 * composite that hands an envelope to this handler before it.
 */
final class EnvelopeReturnValueHandler implements HandlerMethodReturnValueHandler {

    private final RequestResponseBodyMethodProcessor body;
    /** Per method: its return type as the envelope's class, or empty if Spring's processor would not write it. */
    private final Map<Executable, Optional<MethodParameter>> envelopes = new ConcurrentHashMap<>();

    EnvelopeReturnValueHandler(RequestResponseBodyMethodProcessor body) {
        this.body = body;
    }

    /** {@code adapter}'s handlers with this one first, wrapping its own response-body processor. */
    static void installFirst(RequestMappingHandlerAdapter adapter) {
        List<HandlerMethodReturnValueHandler> handlers = adapter.getReturnValueHandlers();
        if (handlers == null) {
            return;
        }
        handlers.stream().filter(RequestResponseBodyMethodProcessor.class::isInstance)
                .map(RequestResponseBodyMethodProcessor.class::cast).findFirst().ifPresent(processor -> {
                    List<HandlerMethodReturnValueHandler> ordered = new ArrayList<>(handlers.size() + 1);
                    ordered.add(new EnvelopeReturnValueHandler(processor));
                    ordered.addAll(handlers);
                    adapter.setReturnValueHandlers(ordered);
                });
    }

    @Override
    public boolean supportsReturnType(MethodParameter returnType) {
        // For a returned value this is the value's class, not the declared type.
        return returnType.getParameterType() == ApiResponse.class && envelope(returnType).isPresent();
    }

    @Override
    public void handleReturnValue(Object returnValue, MethodParameter returnType, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest) throws Exception {
        body.handleReturnValue(returnValue, envelope(returnType).orElse(returnType), mavContainer, webRequest);
    }

    /**
     * {@code handlers} with envelopes written by this handler before the composite asks any handler anything, when
     * this handler is their first; else {@code handlers} as they are.
     */
    static HandlerMethodReturnValueHandlerComposite first(HandlerMethodReturnValueHandlerComposite handlers) {
        List<HandlerMethodReturnValueHandler> all = handlers.getHandlers();
        if (handlers instanceof EnvelopesFirst || all.isEmpty()
                || !(all.get(0) instanceof EnvelopeReturnValueHandler envelopes)) {
            return handlers;
        }
        return new EnvelopesFirst(envelopes).addHandlers(all);
    }

    /** Writes {@code returnValue} if it is an envelope this handler takes; false, having done nothing, if not. */
    private boolean wrote(Object returnValue, MethodParameter returnType, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest) throws Exception {
        // ApiResponse is a final class: an exact class comparison, not one of the interface checks avoided here.
        if (!(returnValue instanceof ApiResponse)) {
            return false;
        }
        Optional<MethodParameter> envelope = envelope(returnType);
        if (envelope.isEmpty()) {
            return false;
        }
        body.handleReturnValue(returnValue, envelope.get(), mavContainer, webRequest);
        return true;
    }

    private static final class EnvelopesFirst extends HandlerMethodReturnValueHandlerComposite {

        private final EnvelopeReturnValueHandler envelopes;

        EnvelopesFirst(EnvelopeReturnValueHandler envelopes) {
            this.envelopes = envelopes;
        }

        @Override
        public void handleReturnValue(Object returnValue, MethodParameter returnType,
                ModelAndViewContainer mavContainer, NativeWebRequest webRequest) throws Exception {
            if (!envelopes.wrote(returnValue, returnType, mavContainer, webRequest)) {
                super.handleReturnValue(returnValue, returnType, mavContainer, webRequest);
            }
        }
    }

    private Optional<MethodParameter> envelope(MethodParameter returnType) {
        Optional<MethodParameter> envelope = envelopes.get(returnType.getExecutable());
        if (envelope == null) {
            envelope = envelopes.computeIfAbsent(returnType.getExecutable(), method ->
                    body.supportsReturnType(returnType) ? Optional.of(new RawEnvelope(returnType)) : Optional.empty());
        }
        return envelope;
    }

    /** The method's return value, typed as the envelope's class; annotations and containing class as declared. */
    private static final class RawEnvelope extends MethodParameter {

        private final Class<?> containingClass;

        RawEnvelope(MethodParameter returnType) {
            super(returnType);
            this.containingClass = returnType.getContainingClass();
        }

        private RawEnvelope(RawEnvelope original) {
            super(original);
            this.containingClass = original.containingClass;
        }

        @Override
        public Class<?> getParameterType() {
            return ApiResponse.class;
        }

        @Override
        public Type getGenericParameterType() {
            return ApiResponse.class;
        }

        @Override
        public Class<?> getContainingClass() {
            return containingClass;
        }

        @Override
        public RawEnvelope clone() {
            return new RawEnvelope(this);
        }
    }
}
