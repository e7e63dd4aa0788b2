package ai.migma.gateway.emails;

import ai.migma.gateway.apikey.ApiKeyPrincipal;
import ai.migma.gateway.web.ApiResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The SDK's {@code emails} resource: generate, the generation's status, and test sends. */
@RestController
final class EmailController {

    private final EmailGeneration generation;
    private final TestSends testSends;

    EmailController(EmailGeneration generation, TestSends testSends) {
        this.generation = generation;
        this.testSends = testSends;
    }

    @PostMapping("/v1/projects/emails/generate")
    ApiResponse<EmailGeneration.Started> generate(@AuthenticationPrincipal ApiKeyPrincipal key,
            @RequestBody EmailGeneration.Request request) {
        return ApiResponse.ok(generation.start(key.accountId(), request,
                ServletUriComponentsBuilder.fromCurrentContextPath().toUriString()));
    }

    @GetMapping("/v1/projects/emails/{conversationId}/status")
    ApiResponse<EmailGeneration.Status> status(@AuthenticationPrincipal ApiKeyPrincipal key,
            @PathVariable String conversationId) {
        return ApiResponse.ok(generation.status(key.accountId(), conversationId));
    }

    @PostMapping("/v1/emails/test/send")
    ApiResponse<TestSends.Sent> sendTest(@AuthenticationPrincipal ApiKeyPrincipal key,
            @RequestBody TestSends.Request request) {
        return ApiResponse.ok(testSends.send(key.accountId(), request));
    }
}
