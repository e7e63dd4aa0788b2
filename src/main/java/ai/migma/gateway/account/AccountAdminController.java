package ai.migma.gateway.account;

import ai.migma.gateway.web.ApiResponse;
import ai.migma.gateway.web.PathIds;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/admin/v1/accounts")
final class AccountAdminController {

    private final AccountService accounts;

    AccountAdminController(AccountService accounts) {
        this.accounts = accounts;
    }

    record AccountRequest(String name, String plan, Integer rateLimitPerMinute) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ApiResponse<Map<String, AccountView>> create(@RequestBody AccountRequest request) {
        return wrap(accounts.create(request.name(), request.plan(), request.rateLimitPerMinute()));
    }

    @GetMapping("/{id}")
    ApiResponse<Map<String, AccountView>> get(@PathVariable String id) {
        return wrap(accounts.get(PathIds.uuid(id, "Account")));
    }

    @PatchMapping("/{id}")
    ApiResponse<Map<String, AccountView>> update(@PathVariable String id, @RequestBody AccountRequest request) {
        return wrap(accounts.update(PathIds.uuid(id, "Account"), request.name(), request.plan(),
                request.rateLimitPerMinute()));
    }

    private static ApiResponse<Map<String, AccountView>> wrap(AccountView account) {
        return ApiResponse.ok(Map.of("account", account));
    }
}
