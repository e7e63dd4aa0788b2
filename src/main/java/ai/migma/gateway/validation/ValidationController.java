package ai.migma.gateway.validation;

import ai.migma.gateway.web.ApiResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The SDK's {@code validation} resource. The key is required (and must hold {@code email:validate}) though no check
 * reads account data: the checks cost CPU, so they are counted and rate-limited like every other route.
 */
@RestController
@RequestMapping("/v1/emails/validate")
final class ValidationController {

    private final ValidationService validation;

    ValidationController(ValidationService validation) {
        this.validation = validation;
    }

    @PostMapping("/all")
    ApiResponse<ValidationService.AllReport> all(@RequestBody ValidationService.AllRequest request) {
        return ApiResponse.ok(validation.all(request));
    }

    @PostMapping("/compatibility")
    ApiResponse<CompatibilityChecker.Report> compatibility(
            @RequestBody ValidationService.CompatibilityRequest request) {
        return ApiResponse.ok(validation.compatibility(request));
    }

    @PostMapping("/links")
    ApiResponse<LinkChecker.Report> links(@RequestBody ValidationService.LinksRequest request) {
        return ApiResponse.ok(validation.links(request));
    }

    @PostMapping("/spelling")
    ApiResponse<SpellChecker.Report> spelling(@RequestBody ValidationService.SpellingRequest request) {
        return ApiResponse.ok(validation.spelling(request));
    }

    @PostMapping("/deliverability")
    ApiResponse<DeliverabilityAnalyzer.Report> deliverability(
            @RequestBody ValidationService.DeliverabilityRequest request) {
        return ApiResponse.ok(validation.deliverability(request));
    }
}
