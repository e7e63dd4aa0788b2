package ai.migma.gateway.campaigns;

import ai.migma.gateway.apikey.ApiKeyPrincipal;
import ai.migma.gateway.web.ApiResponse;
import ai.migma.gateway.web.PageParams;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The SDK's {@code campaigns} resource. A campaign is named by its id alone and found through the key's account,
 * so another account's is not found; the list names its project.
 */
@RestController
@RequestMapping("/v1/campaigns")
final class CampaignController {

    private final CampaignService campaigns;

    CampaignController(CampaignService campaigns) {
        this.campaigns = campaigns;
    }

    @GetMapping
    ApiResponse<CampaignService.CampaignPage> list(@AuthenticationPrincipal ApiKeyPrincipal key,
            @RequestParam(required = false) String projectId, @RequestParam(required = false) String status,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer limit) {
        return ApiResponse.ok(campaigns.list(key.accountId(), projectId, status, PageParams.of(page, limit)));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ApiResponse<CampaignView> create(@AuthenticationPrincipal ApiKeyPrincipal key,
            @RequestBody CampaignService.CreateRequest request) {
        return ApiResponse.ok(campaigns.create(key.accountId(), request));
    }

    @GetMapping("/{id}")
    ApiResponse<CampaignView> get(@AuthenticationPrincipal ApiKeyPrincipal key, @PathVariable String id) {
        return ApiResponse.ok(campaigns.get(key.accountId(), id));
    }

    @PostMapping("/{id}/send")
    ApiResponse<CampaignView> send(@AuthenticationPrincipal ApiKeyPrincipal key, @PathVariable String id) {
        return ApiResponse.ok(campaigns.send(key.accountId(), id));
    }

    @PostMapping("/{id}/schedule")
    ApiResponse<CampaignView> schedule(@AuthenticationPrincipal ApiKeyPrincipal key, @PathVariable String id,
            @RequestBody CampaignService.ScheduleRequest request) {
        return ApiResponse.ok(campaigns.schedule(key.accountId(), id, request));
    }

    @PostMapping("/{id}/cancel")
    ApiResponse<CampaignView> cancel(@AuthenticationPrincipal ApiKeyPrincipal key, @PathVariable String id) {
        return ApiResponse.ok(campaigns.cancel(key.accountId(), id));
    }
}
