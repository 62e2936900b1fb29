package io.opsguard.servicelevel.web;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.opsguard.cmdb.ConfigurationItems;
import io.opsguard.cmdb.ConfigurationItems.CiView;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.Users;
import io.opsguard.servicelevel.PartyRole;
import io.opsguard.servicelevel.SystemImpact;
import io.opsguard.servicelevel.internal.GradingService.Decision;
import io.opsguard.servicelevel.internal.GradingService.Factors;
import io.opsguard.servicelevel.internal.GradingService.Kind;
import io.opsguard.servicelevel.internal.GradingService.PartyRow;
import io.opsguard.servicelevel.internal.GradingService.Proposal;
import io.opsguard.servicelevel.internal.GradingService.Status;

import org.springframework.stereotype.Component;

/** Grading proposals as the API shows them: with the names of the system, the proposer and the parties. */
@Component
class ProposalViews {

	private final Users users;

	private final ConfigurationItems cmdb;

	ProposalViews(Users users, ConfigurationItems cmdb) {
		this.users = users;
		this.cmdb = cmdb;
	}

	List<ProposalView> of(Collection<Proposal> proposals, CurrentUser reader) {
		Set<Long> ids = new HashSet<>();
		proposals.forEach(p -> {
			ids.add(p.proposedBy());
			p.parties().forEach(party -> ids.add(party.userId()));
		});
		Map<Long, String> names = ids.isEmpty() ? Map.of() : this.users.displayNames(ids);
		return proposals.stream().map(p -> view(p, reader, names)).toList();
	}

	ProposalView of(Proposal proposal, CurrentUser reader) {
		return of(List.of(proposal), reader).get(0);
	}

	private ProposalView view(Proposal p, CurrentUser reader, Map<Long, String> names) {
		Map<PartyRole, PartyView> parties = new EnumMap<>(PartyRole.class);
		for (PartyRow party : p.parties()) {
			parties.put(party.role(), new PartyView(party.role(), party.userId(), names.get(party.userId()), party.decision(),
					party.comment(), party.decidedAt()));
		}
		String systemName = this.cmdb.find(p.systemId()).map(CiView::name).orElse("#" + p.systemId());
		boolean myTurn = p.status() == Status.PENDING && p.parties()
			.stream()
			.anyMatch(party -> party.userId() == reader.id() && party.decision() == Decision.PENDING);
		return new ProposalView(p.id(), p.systemId(), systemName, p.kind(), p.status(), p.factors(), p.impact(), p.level(),
				p.modelVersion(), p.reason(), p.proposedBy(), names.get(p.proposedBy()), p.proposedAt(), p.decidedAt(),
				List.copyOf(parties.values()), myTurn);
	}

	record PartyView(PartyRole role, long userId, String userName, Decision decision, String comment, Instant decidedAt) {
	}

	record ProposalView(long id, long systemId, String systemName, Kind kind, Status status, Factors factors,
			SystemImpact impact, int level, int modelVersion, String reason, long proposedBy, String proposedByName,
			Instant proposedAt, Instant decidedAt, List<PartyView> parties, boolean awaitingMe) {
	}

}
