package ai.migma.gateway.web;

import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.support.HandlerMethodReturnValueHandlerComposite;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.ServletInvocableHandlerMethod;

/**
 * Spring MVC's adapter for controllers, with {@link EnvelopeReturnValueHandler} first among the return-value handlers
 * and the handler methods it invokes given those handlers as {@link EnvelopeReturnValueHandler#first} composes them,
 * so a returned envelope is written before Spring's composite asks each handler about it. The adapter keeps its
 * handlers in a composite it builds itself and hands to each method it invokes; this is the only place to swap it.
 */
final class EnvelopesFirstHandlerAdapter extends RequestMappingHandlerAdapter {

    private record Composed(HandlerMethodReturnValueHandlerComposite given,
            HandlerMethodReturnValueHandlerComposite envelopesFirst) {
    }

    /** The last composite the adapter handed over and what it became: the same one on every request. */
    private volatile Composed composed;

    @Override
    public void afterPropertiesSet() {
        super.afterPropertiesSet();
        EnvelopeReturnValueHandler.installFirst(this);
    }

    @Override
    protected ServletInvocableHandlerMethod createInvocableHandlerMethod(HandlerMethod handlerMethod) {
        return new ServletInvocableHandlerMethod(handlerMethod) {
            @Override
            public void setHandlerMethodReturnValueHandlers(HandlerMethodReturnValueHandlerComposite handlers) {
                super.setHandlerMethodReturnValueHandlers(envelopesFirst(handlers));
            }
        };
    }

    private HandlerMethodReturnValueHandlerComposite envelopesFirst(HandlerMethodReturnValueHandlerComposite given) {
        Composed current = composed;
        if (current == null || current.given() != given) {
            current = new Composed(given, EnvelopeReturnValueHandler.first(given));
            composed = current;
        }
        return current.envelopesFirst();
    }
}
