package io.opsguard.monitoring.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.opsguard.cmdb.ConfigurationItems;
import io.opsguard.cmdb.ConfigurationItems.CiSelection;
import io.opsguard.cmdb.ConfigurationItems.CiView;
import io.opsguard.identity.CurrentUser;
import io.opsguard.monitoring.internal.MonitorService.MonitorInput;
import io.opsguard.monitoring.internal.MonitorService.Prepared;
import io.opsguard.monitoring.template.MonitorType;
import io.opsguard.monitoring.template.MonitorTypes;
import io.opsguard.monitoring.template.ParameterDefinition;
import io.opsguard.monitoring.template.ParameterType;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.OpsGuardException.FieldProblem;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/**
 * Adds one monitor type to many CIs at once (a site with 100 servers fills in one form, not 100):
 * chosen by class, tag, organisation, business system or by hand, each CI's address taken from its
 * IP attribute; or from a spreadsheet of CIs, addresses and credentials. A preview checks every row
 * and says what would happen; applying adds each valid row on its own, so one bad row never stops
 * the others, and answers a result per row.
 */
@Service
public class BulkOnboarding {

	/** The most CIs one bulk operation handles. */
	public static final int MAX_ROWS = 2000;

	/** The CI attributes an address is read from, in this order, when none is named. */
	static final List<String> ADDRESS_ATTRIBUTES = List.of("managementIp", "ip");

	private final MonitorService monitors;

	private final MonitorStore store;

	private final MonitorTypes types;

	private final ConfigurationItems cis;

	private final MessageSource messages;

	BulkOnboarding(MonitorService monitors, MonitorStore store, MonitorTypes types, ConfigurationItems cis,
			MessageSource messages) {
		this.monitors = monitors;
		this.store = store;
		this.types = types;
		this.cis = cis;
		this.messages = messages;
	}

	/** Which CIs: every part optional, they combine; at least one must be given. */
	public record Selection(String classCode, String tag, Long organisationId, Long businessSystemId, List<Long> ciIds) {
	}

	/**
	 * A bulk request by selection.
	 *
	 * @param hostAttribute the CI attribute holding the address (default: managementIp, then ip)
	 * @param parameters the parameters every monitor gets (credentials included); the address
	 * comes from each CI unless given here
	 * @param skipExisting leave CIs that already have a monitor of this type alone (default true)
	 */
	public record BulkRequest(String typeId, Selection selection, String hostAttribute, Map<String, Object> parameters,
			Integer intervalSeconds, Boolean enabled, Boolean skipExisting) {
	}

	/** What happens (preview) or happened (apply) to one row. */
	public enum RowStatus {

		READY, EXISTS, INVALID, CREATED, SKIPPED, FAILED

	}

	/** One problem of a row, in the reader's language. */
	public record RowProblem(String field, String message) {
	}

	public record BulkRow(int row, Long ciId, String ciCode, String ciName, String host, RowStatus status,
			Long monitorId, List<RowProblem> problems) {
	}

	public record BulkResult(boolean applied, int total, Map<RowStatus, Integer> counts, List<BulkRow> rows) {
	}

	/** One row of a file: the CI (code or name) and the parameters by key. */
	public record FileRow(int row, String ci, Map<String, Object> parameters, Integer intervalSeconds) {
	}

	public BulkResult bySelection(CurrentUser user, BulkRequest request, boolean apply, Locale locale) {
		MonitorType type = type(request.typeId());
		Selection selection = request.selection();
		if (selection == null || (blank(selection.classCode()) && blank(selection.tag()) && selection.organisationId() == null
				&& selection.businessSystemId() == null && (selection.ciIds() == null || selection.ciIds().isEmpty()))) {
			throw OpsGuardException.onField("selection", MonitoringError.SELECTION_REQUIRED);
		}
		List<CiView> chosen = this.cis.select(user.scope(), new CiSelection(trim(selection.classCode()),
				trim(selection.tag()), selection.organisationId(), selection.businessSystemId(), selection.ciIds(), null),
				MAX_ROWS + 1);
		if (chosen.isEmpty()) {
			throw OpsGuardException.onField("selection", MonitoringError.NOTHING_SELECTED);
		}
		if (chosen.size() > MAX_ROWS) {
			throw OpsGuardException.onField("selection", MonitoringError.TOO_MANY_SELECTED, MAX_ROWS);
		}
		String hostKey = type.parameters()
			.stream()
			.filter(p -> p.type() == ParameterType.HOST)
			.map(ParameterDefinition::key)
			.findFirst()
			.orElse(null);
		List<String> attributes = blank(request.hostAttribute()) ? ADDRESS_ATTRIBUTES : List.of(request.hostAttribute().trim());
		List<Candidate> candidates = new ArrayList<>();
		int row = 0;
		for (CiView ci : chosen) {
			row++;
			Map<String, Object> parameters = new LinkedHashMap<>(request.parameters() == null ? Map.of() : request.parameters());
			if (hostKey != null && blank(parameters.get(hostKey))) {
				attributes.stream()
					.map(a -> ci.attributes().get(a))
					.filter(v -> v != null && !v.toString().isBlank())
					.findFirst()
					.ifPresent(address -> parameters.put(hostKey, address.toString()));
			}
			candidates.add(new Candidate(row, ci.id(), ci, parameters, request.intervalSeconds()));
		}
		return run(user, type, candidates, request.enabled(), request.skipExisting() == null || request.skipExisting(),
				apply, locale);
	}

	public BulkResult byFile(CurrentUser user, String typeId, List<FileRow> rows, boolean skipExisting, boolean apply,
			Locale locale) {
		MonitorType type = type(typeId);
		if (rows.isEmpty()) {
			throw OpsGuardException.onField("file", MonitoringError.NOTHING_SELECTED);
		}
		if (rows.size() > MAX_ROWS) {
			throw OpsGuardException.onField("file", MonitoringError.TOO_MANY_SELECTED, MAX_ROWS);
		}
		List<Candidate> candidates = new ArrayList<>();
		for (FileRow fileRow : rows) {
			CiView ci = findCi(user, fileRow.ci());
			candidates.add(new Candidate(fileRow.row(), ci == null ? null : ci.id(), ci, fileRow.parameters(),
					fileRow.intervalSeconds(), ci == null ? fileRow.ci() : null));
		}
		return run(user, type, candidates, null, skipExisting, apply, locale);
	}

	private record Candidate(int row, Long ciId, CiView ci, Map<String, Object> parameters, Integer intervalSeconds,
			String unknownCi) {

		Candidate(int row, Long ciId, CiView ci, Map<String, Object> parameters, Integer intervalSeconds) {
			this(row, ciId, ci, parameters, intervalSeconds, null);
		}

	}

	private BulkResult run(CurrentUser user, MonitorType type, List<Candidate> candidates, Boolean enabled,
			boolean skipExisting, boolean apply, Locale locale) {
		Set<String> existing = this.store.existingPairs(
				candidates.stream().map(Candidate::ciId).filter(java.util.Objects::nonNull).toList(), type.id());
		List<BulkRow> rows = new ArrayList<>();
		Map<RowStatus, Integer> counts = new LinkedHashMap<>();
		for (Candidate candidate : candidates) {
			BulkRow row = one(user, type, candidate, enabled, skipExisting, existing, apply, locale);
			rows.add(row);
			counts.merge(row.status(), 1, Integer::sum);
		}
		return new BulkResult(apply, rows.size(), counts, rows);
	}

	private BulkRow one(CurrentUser user, MonitorType type, Candidate candidate, Boolean enabled, boolean skipExisting,
			Set<String> existing, boolean apply, Locale locale) {
		CiView ci = candidate.ci();
		String code = ci == null ? candidate.unknownCi() : ci.code();
		String name = ci == null ? null : ci.name();
		if (ci == null) {
			return new BulkRow(candidate.row(), null, code, null, null, apply ? RowStatus.FAILED : RowStatus.INVALID, null,
					List.of(new RowProblem("ci", message(MonitoringError.UNKNOWN_CI, new Object[0], locale))));
		}
		Object host = type.parameters()
			.stream()
			.filter(p -> p.type() == ParameterType.HOST)
			.map(p -> candidate.parameters().get(p.key()))
			.filter(java.util.Objects::nonNull)
			.findFirst()
			.orElse(null);
		String hostText = host == null ? null : host.toString();
		if (skipExisting && existing.contains(ci.id() + "/" + type.id())) {
			return new BulkRow(candidate.row(), ci.id(), code, name, hostText, apply ? RowStatus.SKIPPED : RowStatus.EXISTS,
					null, List.of());
		}
		Prepared prepared;
		try {
			prepared = this.monitors.prepare(user.scope(), new MonitorInput(ci.id(), type.id(), null, candidate.parameters(),
					candidate.intervalSeconds(), enabled, null), Map.of(), null, locale);
		}
		catch (OpsGuardException ex) {
			return new BulkRow(candidate.row(), ci.id(), code, name, hostText, apply ? RowStatus.FAILED : RowStatus.INVALID,
					null, problems(ex, locale));
		}
		if (!apply) {
			return new BulkRow(candidate.row(), ci.id(), code, name, prepared.parameters().host(), RowStatus.READY, null,
					List.of());
		}
		try {
			MonitorRow created = this.monitors.insert(user, prepared);
			return new BulkRow(candidate.row(), ci.id(), code, name, created.host(), RowStatus.CREATED, created.id(),
					List.of());
		}
		catch (OpsGuardException ex) {
			return new BulkRow(candidate.row(), ci.id(), code, name, hostText, RowStatus.FAILED, null, problems(ex, locale));
		}
	}

	private List<RowProblem> problems(OpsGuardException ex, Locale locale) {
		if (ex.fieldProblems().isEmpty()) {
			return List.of(new RowProblem(null, message(ex.errorCode(), ex.args(), locale)));
		}
		List<RowProblem> problems = new ArrayList<>();
		for (FieldProblem problem : ex.fieldProblems()) {
			problems.add(new RowProblem(problem.field(), message(problem.errorCode(), problem.args(), locale)));
		}
		return problems;
	}

	private String message(io.opsguard.shared.ErrorCode code, Object[] args, Locale locale) {
		return this.messages.getMessage(code.detailKey(), args, code.code(), locale);
	}

	/** A CI by its code, else by its exact name when only one CI in scope has it. */
	private CiView findCi(CurrentUser user, String text) {
		if (blank(text)) {
			return null;
		}
		String wanted = text.trim();
		List<CiView> found = this.cis.select(user.scope(), new CiSelection(null, null, null, null, null, wanted), 50);
		Map<String, List<CiView>> byName = new HashMap<>();
		for (CiView ci : found) {
			if (ci.code().equalsIgnoreCase(wanted)) {
				return ci;
			}
			byName.computeIfAbsent(ci.name(), n -> new ArrayList<>()).add(ci);
		}
		List<CiView> named = byName.get(wanted);
		return named != null && named.size() == 1 ? named.get(0) : null;
	}

	private MonitorType type(String typeId) {
		return this.types.find(typeId == null ? null : typeId.trim())
			.orElseThrow(() -> OpsGuardException.onField("typeId", MonitoringError.UNKNOWN_TYPE, String.valueOf(typeId)));
	}

	private static boolean blank(Object value) {
		return value == null || value.toString().isBlank();
	}

	private static String trim(String text) {
		return blank(text) ? null : text.trim();
	}

}
