package ai.migma.gateway.dashboard;

import java.io.Serial;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * A signed-in account owner: kept in the session, so it holds only what pages need (the account) and drops the
 * password hash once the login has been checked.
 */
public final class DashboardUser implements UserDetails, CredentialsContainer {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final List<GrantedAuthority> AUTHORITIES = List.of(new SimpleGrantedAuthority("ROLE_OWNER"));

    private final UUID id;
    private final UUID accountId;
    private final String email;
    private String passwordHash;

    DashboardUser(UUID id, UUID accountId, String email, String passwordHash) {
        this.id = id;
        this.accountId = accountId;
        this.email = email;
        this.passwordHash = passwordHash;
    }

    public UUID id() {
        return id;
    }

    public UUID accountId() {
        return accountId;
    }

    @Override
    public String getUsername() {
        return email;
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return AUTHORITIES;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }
}
