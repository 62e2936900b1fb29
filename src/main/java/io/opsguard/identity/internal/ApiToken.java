package io.opsguard.identity.internal;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/** An API token for integrations: only its SHA-256 hash is stored. */
@Table("idn_api_token")
public class ApiToken {

	@Id
	Long id;

	Long userId;

	String name;

	String tokenHash;

	String prefix;

	Instant createdAt;

	Instant expiresAt;

	Instant lastUsedAt;

	Instant revokedAt;

	@Version
	Integer version;

	Status statusAt(Instant now) {
		if (this.revokedAt != null) {
			return Status.REVOKED;
		}
		return now.isBefore(this.expiresAt) ? Status.ACTIVE : Status.EXPIRED;
	}

	/** Whether a token can still be used. */
	enum Status {

		ACTIVE, EXPIRED, REVOKED

	}

}
