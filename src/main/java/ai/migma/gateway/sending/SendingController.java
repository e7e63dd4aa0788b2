package ai.migma.gateway.sending;

import ai.migma.gateway.apikey.ApiKeyPrincipal;
import ai.migma.gateway.web.ApiResponse;
import ai.migma.gateway.web.PageParams;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Migma's sending routes as the SDK's {@code sending} resource calls them, plus the send history. */
@RestController
@RequestMapping("/v1/sending")
final class SendingController {

    private final SendingService sending;

    SendingController(SendingService sending) {
        this.sending = sending;
    }

    @PostMapping
    ApiResponse<SendingService.SendResult> send(@AuthenticationPrincipal ApiKeyPrincipal key,
            @RequestBody SendingService.SendRequest request) {
        return ApiResponse.ok(sending.send(key.accountId(), request));
    }

    @GetMapping("/batches/{id}")
    ApiResponse<SendingService.BatchView> batch(@AuthenticationPrincipal ApiKeyPrincipal key,
            @PathVariable String id) {
        return ApiResponse.ok(sending.batch(key.accountId(), id));
    }

    @GetMapping
    ApiResponse<List<SendingService.BatchView>> history(@AuthenticationPrincipal ApiKeyPrincipal key,
            @RequestParam(required = false) String projectId, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer limit) {
        SendingService.BatchPage result = sending.history(key.accountId(), projectId, PageParams.of(page, limit));
        return ApiResponse.ok(result.batches(), result.count());
    }
}
