package ai.migma.gateway.proxy;

import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The JWK Set upstreams verify assertions with (RFC 7517), public like Cloudflare Access's and Google IAP's:
 * every instance's keys not yet retired. Cached briefly by verifiers; a key they have not seen makes stock
 * libraries fetch the set again.
 */
@RestController
final class JwksController {

    static final String PATH = "/.well-known/jwks.json";

    private final SigningKeys keys;

    JwksController(SigningKeys keys) {
        this.keys = keys;
    }

    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> jwks() {
        // The stored JWKs are JSON already: joined, not parsed and written again.
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(1)).cachePublic())
                .body("{\"keys\":[" + String.join(",", keys.current()) + "]}");
    }
}
