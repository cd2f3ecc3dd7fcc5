package org.ssobroker.security;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.ssobroker.support.BrokerConfig;
import org.ssobroker.support.Changed;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * The current credential of each client app, for revoking its tokens: a token carries the
 * credential it was issued under, and is refused once the app is deleted (also with its site),
 * its secret rotated, or the app deleted and created again (a new credential). Read from memory;
 * a change drops the entry after commit here and, through the change feed, on every replica
 * within one poll interval. The platform admin client (configured, not stored) has none.
 */
@ApplicationScoped
public class ClientCredentials {

    private record Current(String siteKey, String credentialId) {
    }

    private final DataSource dataSource;
    private final String platformClientId;
    private final LoadingCache<String, Optional<Current>> current;

    public ClientCredentials(DataSource dataSource, BrokerConfig config) {
        this.dataSource = dataSource;
        this.platformClientId = config.platformAdmin().clientId().orElse(null);
        // The expiry is a safety net only: changes arrive through the feed.
        this.current = Caffeine.newBuilder().maximumSize(100_000)
                .expireAfterWrite(config.idpSnapshotMaxAge()).build(this::load);
    }

    /** Whether a token of {@code clientId} issued under {@code credentialId} is still valid. */
    public boolean current(String clientId, String credentialId) {
        if (clientId == null) {
            return false;
        }
        if (clientId.equals(platformClientId)) {
            return credentialId == null;
        }
        return current.get(clientId).map(c -> c.credentialId().equals(credentialId)).orElse(false);
    }

    void onChange(@Observes(during = TransactionPhase.AFTER_COMPLETION) Changed change) {
        if (change.subject() == Changed.Subject.CLIENT) {
            current.invalidate(change.name());
        } else if (change.subject() == Changed.Subject.SITE) {
            current.asMap().entrySet().removeIf(e -> e.getValue().map(c -> change.concernsClient(c.siteKey(),
                    e.getKey())).orElse(true));
        }
    }

    private Optional<Current> load(String clientId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "select site_key, credential_id from client_app where client_id = ?")) {
            query.setString(1, clientId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(new Current(row.getString(1), row.getObject(2, UUID.class).toString()))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new CredentialsUnavailableException(e);
        }
    }

    /** The database cannot be asked: not the token's fault (answered 503, not 401). */
    public static class CredentialsUnavailableException extends RuntimeException {
        CredentialsUnavailableException(SQLException cause) {
            super("client credentials cannot be read", cause);
        }
    }
}
