package ai.migma.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.migma.gateway.support.GatewayTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.MethodParameter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.support.AsyncHandlerMethodReturnValueHandler;
import org.springframework.web.method.support.HandlerMethodReturnValueHandler;
import org.springframework.web.method.support.HandlerMethodReturnValueHandlerComposite;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestResponseBodyMethodProcessor;
import org.springframework.web.servlet.mvc.method.annotation.ServletInvocableHandlerMethod;

/**
 * The gateway's own handler for envelopes, with the gateway's converters and advice: it must write exactly what
 * Spring MVC's processor writes for the declared generic type, only without resolving that type per response.
 */
@GatewayTest
class EnvelopeReturnValueHandlerTest {

    record Item(String name, Instant at, Map<String, Long> counts) {
    }

    @RestController
    static final class Api {
        public ApiResponse<List<Item>> items() {
            return null;
        }

        public ApiResponse<List<Item>> empty() {
            return ApiResponse.ok(List.of());
        }

        public String text() {
            return null;
        }
    }

    /** A handler that takes nothing and counts how often Spring's composite asked it anything. */
    static final class Tattletale implements AsyncHandlerMethodReturnValueHandler {
        int questions;

        @Override
        public boolean isAsyncReturnValue(Object returnValue, MethodParameter returnType) {
            questions++;
            return false;
        }

        @Override
        public boolean supportsReturnType(MethodParameter returnType) {
            questions++;
            return false;
        }

        @Override
        public void handleReturnValue(Object returnValue, MethodParameter returnType,
                ModelAndViewContainer mavContainer, NativeWebRequest webRequest) {
            throw new AssertionError("takes nothing");
        }
    }

    /** A page controller's method: no response body, whatever it returns. */
    @Controller
    static final class Page {
        public ApiResponse<List<Item>> items() {
            return null;
        }
    }

    @Autowired
    RequestMappingHandlerAdapter adapter;

    @Test
    void envelopesAreTakenBeforeAnyOtherReturnValueHandlerIsAsked() {
        assertThat(adapter.getReturnValueHandlers().get(0)).isInstanceOf(EnvelopeReturnValueHandler.class);
    }

    @Test
    void writesAnEnvelopeExactlyAsSpringsProcessorWritesItsDeclaredType() throws Exception {
        ApiResponse<List<Item>> envelope = new ApiResponse<>(true,
                List.of(new Item("a", Instant.parse("2026-12-01T10:00:00Z"), Map.of("sent", 3L)),
                        new Item("b", null, Map.of())),
                2L, new Metadata(Instant.parse("2026-12-01T10:00:01Z"), "req_1"));
        MethodParameter returnType = new HandlerMethod(new Api(), "items").getReturnValueType(envelope);

        String ours = write(handler(EnvelopeReturnValueHandler.class), envelope, returnType);
        String springs = write(handler(RequestResponseBodyMethodProcessor.class), envelope, returnType);

        assertThat(handler(EnvelopeReturnValueHandler.class).supportsReturnType(returnType)).isTrue();
        assertThat(ours).isEqualTo(springs).startsWith("{\"success\":true,\"data\":[{\"name\":\"a\"")
                .contains("\"count\":2", "\"requestId\":\"req_1\"");
    }

    @Test
    void anEnvelopeIsWrittenBeforeAnyOtherHandlerIsQuestioned() throws Exception {
        Tattletale tattletale = new Tattletale();
        HandlerMethodReturnValueHandlerComposite handlers = EnvelopeReturnValueHandler.first(
                new HandlerMethodReturnValueHandlerComposite().addHandlers(
                        List.of(handler(EnvelopeReturnValueHandler.class), tattletale)));
        ApiResponse<List<Item>> envelope = ApiResponse.ok(List.of());

        String written = write(handlers, envelope, new HandlerMethod(new Api(), "items").getReturnValueType(envelope));
        assertThat(written).startsWith("{\"success\":true,\"data\":[]");
        assertThat(tattletale.questions).isZero();

        // Anything else is the composite's to place, as before (and here no handler takes text).
        MethodParameter text = new HandlerMethod(new Api(), "text").getReturnValueType("not an envelope");
        assertThatThrownBy(() -> write(handlers, "not an envelope", text))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(tattletale.questions).isPositive();
    }

    @Test
    void everyControllerMethodIsGivenTheHandlersThatTakeEnvelopesFirst() throws Exception {
        assertThat(adapter).isInstanceOf(EnvelopesFirstHandlerAdapter.class);
        Tattletale tattletale = new Tattletale();
        ServletInvocableHandlerMethod method = ((EnvelopesFirstHandlerAdapter) adapter)
                .createInvocableHandlerMethod(new HandlerMethod(new Api(), "empty"));
        // What the adapter hands each method it invokes: its handlers, ours first, in Spring's own composite.
        method.setHandlerMethodReturnValueHandlers(new HandlerMethodReturnValueHandlerComposite()
                .addHandlers(List.of(handler(EnvelopeReturnValueHandler.class), tattletale)));
        MockHttpServletResponse response = new MockHttpServletResponse();

        method.invokeAndHandle(new ServletWebRequest(new MockHttpServletRequest("GET", "/v1/items"), response),
                new ModelAndViewContainer());

        assertThat(response.getContentAsString()).startsWith("{\"success\":true,\"data\":[]");
        assertThat(tattletale.questions).isZero();
    }

    @Test
    void leavesAnEnvelopeThatIsNotAResponseBodyToTheOtherHandlers() throws Exception {
        ApiResponse<List<Item>> envelope = ApiResponse.ok(List.of());
        MethodParameter returnType = new HandlerMethod(new Page(), "items").getReturnValueType(envelope);

        assertThat(handler(EnvelopeReturnValueHandler.class).supportsReturnType(returnType)).isFalse();
    }

    private HandlerMethodReturnValueHandler handler(Class<? extends HandlerMethodReturnValueHandler> type) {
        return adapter.getReturnValueHandlers().stream().filter(type::isInstance).findFirst().orElseThrow();
    }

    private static String write(HandlerMethodReturnValueHandler handler, Object value, MethodParameter returnType)
            throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        handler.handleReturnValue(value, returnType, new ModelAndViewContainer(),
                new ServletWebRequest(new MockHttpServletRequest("GET", "/v1/items"), response));
        return response.getContentAsString();
    }
}
