package ai.migma.gateway.support;

import ai.migma.gateway.GatewayApplication;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** A whole gateway started in this JVM, for tests that need several instances on the same stores. */
public final class GatewayInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final GatewayClient client;

    private GatewayInstance(ConfigurableApplicationContext context) {
        this.context = context;
        this.client = new GatewayClient(
                () -> context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
    }

    /** Starts an instance on a random port, on the test database, with the test admin token and {@code extra}. */
    public static GatewayInstance start(Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(TestServices.database());
        properties.put("server.port", "0");
        properties.put("migma.admin-token", GatewayClient.ADMIN_TOKEN);
        properties.putAll(extra);
        // As arguments, not default properties: those rank below application.yml and would not win.
        String[] arguments = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new GatewayInstance(new SpringApplicationBuilder(GatewayApplication.class).run(arguments));
    }

    public GatewayClient client() {
        return client;
    }

    @Override
    public void close() {
        context.close();
    }
}
