package io.opsguard.servicelevel.web;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.opsguard.calendar.DurationTexts;
import io.opsguard.calendar.WorkingDuration;
import io.opsguard.cmdb.StandbyMode;
import io.opsguard.identity.CurrentUser;
import io.opsguard.servicelevel.internal.GapCheck;
import io.opsguard.servicelevel.internal.GapCheck.Named;
import io.opsguard.servicelevel.internal.PoliciesInForce;
import io.opsguard.servicelevel.internal.Standards;
import io.opsguard.servicelevel.internal.SystemFacts;
import io.opsguard.servicelevel.internal.SystemLevels;
import io.opsguard.servicelevel.internal.SystemLevels.HistoryEntry;
import io.opsguard.servicelevel.internal.SystemServices.SystemDetail;
import io.opsguard.servicelevel.internal.SystemServices.SystemSummary;
import io.opsguard.servicelevel.web.ProposalViews.ProposalView;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The service picture of business systems as a reader reads it: policy and calendar names, gap
 * findings (durations in words, names in the reader's language) and level history, all in the
 * request's language.
 */
@Component
class SystemViews {

	private final MessageSource messages;

	private final DurationTexts durations;

	private final ProposalViews proposals;

	SystemViews(MessageSource messages, DurationTexts durations, ProposalViews proposals) {
		this.messages = messages;
		this.durations = durations;
		this.proposals = proposals;
	}

	SystemSummaryView summary(SystemSummary s, Locale locale) {
		return new SystemSummaryView(s.id(), s.code(), s.name(), s.organisationId(), s.organisationName(),
				s.applicationSupport(), s.gradedLevel(), s.level(), s.inheritedFrom(), s.inheritedFromName(), s.serviceGrade(),
				s.serviceGradeDerived(), s.slaPolicy(), name(s.slaPolicyName(), locale), s.slaPolicyDerived(), s.calendar(),
				name(s.calendarName(), locale), s.pendingProposalId(), s.gapCount(), s.levelUpdatedAt());
	}

	SystemDetailView detail(SystemDetail d, CurrentUser reader, Locale locale) {
		List<HistoryView> history = d.history().stream().map(h -> history(h, d.systemNames(), locale)).toList();
		return new SystemDetailView(summary(d.system(), locale), d.standard(), d.facts(), d.incidentTargets(),
				gaps(d.system().gaps(), locale), history, this.proposals.of(d.proposals(), reader), d.parties());
	}

	List<GapView> gaps(Collection<GapCheck.Result> results, Locale locale) {
		return results.stream().map(g -> gap(g, locale)).toList();
	}

	private GapView gap(GapCheck.Result g, Locale locale) {
		boolean graded = g.item().code().equals(GapCheck.GRADED);
		String group = graded ? message("servicelevel.gap.graded.group", locale) : g.item().group(locale);
		String name = graded ? message("servicelevel.gap.graded.name", locale) : g.item().name(locale);
		return new GapView(g.item().code(), group, name, g.required(), g.outcome().name(), finding(g, locale));
	}

	/** A finding with its names and durations in the reader's words. */
	String finding(GapCheck.Result g, Locale locale) {
		Object[] args = new Object[g.args().length];
		for (int i = 0; i < args.length; i++) {
			args[i] = words(g.args()[i], locale);
		}
		return this.messages.getMessage(g.key(), args, g.key(), locale);
	}

	private Object words(Object arg, Locale locale) {
		if (arg instanceof Named named) {
			return name(named, locale);
		}
		if (arg instanceof WorkingDuration duration) {
			return this.durations.of(duration, locale);
		}
		if (arg instanceof Collection<?> modes) {
			if (modes.isEmpty()) {
				return message("servicelevel.standby.none", locale);
			}
			return String.join(Standards.en(locale) ? ", " : "、", modes.stream()
				.map(m -> message("cmdb.standby." + ((StandbyMode) m).name(), locale))
				.toList());
		}
		return arg;
	}

	private HistoryView history(HistoryEntry h, Map<Long, String> names, Locale locale) {
		String cause = message("servicelevel.cause." + h.cause().name(), locale);
		String via = h.causeSystemId() == null ? null : names.get(h.causeSystemId());
		String detail = null;
		if (h.cause() == SystemLevels.Cause.INHERITED && via != null) {
			detail = h.originSystemId() == null
					? this.messages.getMessage("servicelevel.history.inherited", new Object[] { via }, locale)
					: this.messages.getMessage("servicelevel.history.inheritedVia",
							new Object[] { via, names.get(h.originSystemId()) }, locale);
		}
		return new HistoryView(h.level(), h.previousLevel(), h.cause(), cause, h.gradingId(), h.causeSystemId(), via, detail,
				h.changedAt(), h.changedBy());
	}

	static String name(Named named, Locale locale) {
		if (named == null) {
			return null;
		}
		return Standards.en(locale) && named.en() != null && !named.en().isBlank() ? named.en() : named.zh();
	}

	private String message(String key, Locale locale) {
		return this.messages.getMessage(key, null, key, locale);
	}

	// ---- responses ------------------------------------------------------------------------

	/** A row of the systems overview; {@code slaPolicyName} and {@code calendarName} in the reader's language. */
	record SystemSummaryView(long id, String code, String name, long organisationId, String organisationName,
			boolean applicationSupport, Integer gradedLevel, Integer level, Long inheritedFrom, String inheritedFromName,
			Integer serviceGrade, boolean serviceGradeDerived, String slaPolicy, String slaPolicyName,
			boolean slaPolicyDerived, String calendar, String calendarName, Long pendingProposalId, int gapCount,
			Instant levelUpdatedAt) {
	}

	/** An item of the matrix for a system; {@code status} MET, GAP, NOT_REQUIRED or AWAITING_GRADING. */
	record GapView(String code, String group, String name, boolean required, String status, String finding) {
	}

	record HistoryView(Integer level, Integer previousLevel, SystemLevels.Cause cause, String causeLabel, Long gradingId,
			Long causeSystemId, String causeSystemName, String detail, Instant changedAt, Long changedBy) {
	}

	record SystemDetailView(SystemSummaryView system, Standards.GuaranteeLevel standard, SystemFacts facts,
			List<PoliciesInForce.Target> incidentTargets, List<GapView> gaps, List<HistoryView> history,
			List<ProposalView> proposals, Map<String, Object> parties) {
	}

}
