package ai.migma.gateway.dashboard;

import ai.migma.gateway.web.ApiResponse;
import ai.migma.gateway.web.PathIds;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /admin/v1/accounts/{id}/users}: operators create the people who sign in to an account's dashboard. */
@RestController
final class DashboardUserAdminController {

    private final DashboardUsers users;

    DashboardUserAdminController(DashboardUsers users) {
        this.users = users;
    }

    /** The password is taken and hashed; it is never echoed, logged or stored as given. */
    record CreateRequest(String email, String password) {

        @Override
        public String toString() {
            return "CreateRequest[email=" + email + "]";
        }
    }

    @PostMapping("/admin/v1/accounts/{accountId}/users")
    @ResponseStatus(HttpStatus.CREATED)
    ApiResponse<Map<String, DashboardUsers.UserView>> create(@PathVariable String accountId,
            @RequestBody CreateRequest request) {
        return ApiResponse.ok(Map.of("user", users.create(PathIds.uuid(accountId, "Account"), request.email(),
                request.password())));
    }
}
