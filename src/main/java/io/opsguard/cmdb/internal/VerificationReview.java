package io.opsguard.cmdb.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.opsguard.cmdb.internal.CiStore.ReviewCount;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.Organisations;
import io.opsguard.identity.Users;
import io.opsguard.identity.Users.UserSummary;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The monthly review of the CMDB (R-CMDB-03): how many CIs each organisation and owner has left to
 * verify. Owners outside the reader's scope are counted but not named.
 */
@Service
public class VerificationReview {

	private final CiStore store;

	private final Organisations organisations;

	private final Users users;

	private final Clock clock;

	VerificationReview(CiStore store, Organisations organisations, Users users, Clock clock) {
		this.store = store;
		this.organisations = organisations;
		this.users = users;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public List<ReviewLine> summary(CurrentUser user, int days) {
		List<ReviewCount> counts = this.store.reviewCounts(user.scope(), this.clock.instant().minus(Duration.ofDays(days)));
		Set<Long> owners = new HashSet<>();
		counts.forEach(c -> {
			if (c.ownerId() != null) {
				owners.add(c.ownerId());
			}
		});
		Map<Long, UserSummary> found = this.users.findAll(owners);
		List<ReviewLine> lines = new ArrayList<>();
		for (ReviewCount c : counts) {
			UserSummary owner = c.ownerId() == null ? null : found.get(c.ownerId());
			String ownerName = owner != null && user.scope().includes(owner.organisationId()) ? owner.displayName() : null;
			lines.add(new ReviewLine(c.organisationId(),
					this.organisations.find(c.organisationId()).map(o -> o.name()).orElse(null), c.ownerId(), ownerName,
					c.total(), c.unverified()));
		}
		lines.sort(Comparator.comparingLong(ReviewLine::unverified)
			.reversed()
			.thenComparing(ReviewLine::organisationName, Comparator.nullsLast(String::compareTo)));
		return lines;
	}

	/** CIs of one organisation and owner: how many, and how many not verified recently. */
	public record ReviewLine(long organisationId, String organisationName, Long ownerId, String ownerName, long total,
			long unverified) {
	}

}
