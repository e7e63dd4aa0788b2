package ai.migma.gateway.apikey;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The one response that holds a key's text. */
public record CreatedApiKey(@JsonUnwrapped ApiKeyView view, String key) {

    @Override
    public String toString() {
        return "CreatedApiKey[" + view.id() + "]";
    }
}
