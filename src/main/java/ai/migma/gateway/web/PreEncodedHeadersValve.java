package ai.migma.gateway.web;

import jakarta.servlet.ServletException;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/** Gives every request its response's header table, for {@link PreEncodedHeaders}. */
final class PreEncodedHeadersValve extends ValveBase {

    PreEncodedHeadersValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        request.setAttribute(PreEncodedHeaders.ATTRIBUTE, response.getCoyoteResponse().getMimeHeaders());
        getNext().invoke(request, response);
    }
}
