package ai.migma.gateway.previews;

import ai.migma.gateway.apikey.ApiKeyPrincipal;
import ai.migma.gateway.web.ApiResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The SDK's {@code previews} resource, and the device images its previews list. */
@RestController
@RequestMapping("/v1/emails")
final class PreviewController {

    private final PreviewService previews;

    PreviewController(PreviewService previews) {
        this.previews = previews;
    }

    @PostMapping("/previews")
    ApiResponse<PreviewService.CreatePreviewResponse> create(@AuthenticationPrincipal ApiKeyPrincipal key,
            @RequestBody PreviewService.CreatePreviewParams params) {
        return ApiResponse.ok(previews.create(key.accountId(), params, base()));
    }

    @GetMapping("/previews/{id}")
    ApiResponse<PreviewService.GetPreviewResponse> get(@AuthenticationPrincipal ApiKeyPrincipal key,
            @PathVariable String id) {
        return ApiResponse.ok(previews.get(key.accountId(), id, base()));
    }

    @GetMapping("/previews/{id}/status")
    ApiResponse<PreviewService.GetPreviewStatusResponse> status(@AuthenticationPrincipal ApiKeyPrincipal key,
            @PathVariable String id) {
        return ApiResponse.ok(previews.status(key.accountId(), id));
    }

    @GetMapping("/previews/{id}/devices/{key}")
    ApiResponse<PreviewService.GetDevicePreviewResponse> device(@AuthenticationPrincipal ApiKeyPrincipal key,
            @PathVariable String id, @PathVariable("key") String deviceKey) {
        return ApiResponse.ok(previews.device(key.accountId(), id, deviceKey, base()));
    }

    @GetMapping("/previews/{id}/devices/{key}/{image}")
    ResponseEntity<byte[]> image(@AuthenticationPrincipal ApiKeyPrincipal key, @PathVariable String id,
            @PathVariable("key") String deviceKey, @PathVariable String image) {
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG)
                .body(previews.image(key.accountId(), id, deviceKey, image));
    }

    @GetMapping("/devices/supported")
    ApiResponse<PreviewService.GetSupportedDevicesResponse> supported() {
        return ApiResponse.ok(previews.supported());
    }

    /** Image URLs point back at this gateway, at the address the client reached it by. */
    private static String base() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }
}
