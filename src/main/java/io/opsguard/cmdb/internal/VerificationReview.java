package io.opsguard.cmdb.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.Organisations;
import io.opsguard.identity.Users;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The monthly review of the CMDB (R-CMDB-03): how many CIs each organisation and owner has left to verify. */
@Service
public class VerificationReview {

	private final JdbcClient jdbc;

	private final Organisations organisations;

	private final Users users;

	private final Clock clock;

	VerificationReview(JdbcClient jdbc, Organisations organisations, Users users, Clock clock) {
		this.jdbc = jdbc;
		this.organisations = organisations;
		this.users = users;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public List<ReviewLine> summary(CurrentUser user, int days) {
		Timestamp cutoff = Timestamp.from(this.clock.instant().minus(Duration.ofDays(days)));
		List<ReviewLine> lines = new ArrayList<>();
		Set<Long> owners = new HashSet<>();
		List<Object[]> rows = this.jdbc.sql("select c.organisation_id, c.owner_id, count(*), "
				+ "sum(case when c.last_verified_at is null or c.last_verified_at < :cutoff then 1 else 0 end) "
				+ "from cmdb_ci c where c.status <> 'RETIRED' and " + user.scope().sqlCondition("c.organisation_id")
				+ " group by c.organisation_id, c.owner_id")
			.param("cutoff", cutoff)
			.query((rs, i) -> new Object[] { rs.getLong(1), rs.getObject(2, Long.class), rs.getLong(3), rs.getLong(4) })
			.list();
		rows.forEach(r -> {
			if (r[1] != null) {
				owners.add((Long) r[1]);
			}
		});
		Map<Long, String> ownerNames = this.users.displayNames(owners);
		for (Object[] r : rows) {
			long organisation = (Long) r[0];
			Long owner = (Long) r[1];
			lines.add(new ReviewLine(organisation, this.organisations.find(organisation).map(o -> o.name()).orElse(null), owner,
					owner == null ? null : ownerNames.get(owner), (Long) r[2], (Long) r[3]));
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
