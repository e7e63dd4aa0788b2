package ai.migma.gateway.validation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which email client supports which HTML and CSS feature, as {@code validation/email-client-support.json} says:
 * caniemail.com's data at a named commit, for eight clients (see the licence file next to it).
 */
record SupportTable(String source, String sourceCommit, String sourceDate, List<Client> clients,
        List<Feature> features) {

    static final String RESOURCE = "/validation/email-client-support.json";

    record Client(String key, String name) {
    }

    /** {@code level} is supported, partial or unsupported; {@code note} is caniemail's caveat, if any. */
    record Support(String level, String note) {
    }

    record Feature(String id, String title, String lastTestDate, Map<String, Support> support) {
    }

    static SupportTable load() {
        try (InputStream in = SupportTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
                    .readValue(in, SupportTable.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
