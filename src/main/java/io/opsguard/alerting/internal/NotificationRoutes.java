package io.opsguard.alerting.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.opsguard.alerting.AlertSeverity;
import io.opsguard.alerting.rule.ScopeKind;
import io.opsguard.cmdb.ConfigurationItems;
import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.DataScope;
import io.opsguard.identity.Organisations;
import io.opsguard.identity.Users;
import io.opsguard.notify.Channel;
import io.opsguard.notify.NotificationEndpoints;
import io.opsguard.servicedesk.SupportGroupDirectory;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.OpsGuardException.FieldProblem;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Notification routes (R-ALR-01): written by people (checked field by field — every recipient must
 * exist and be enabled —, audited, versioned, ordered), and matched against alerts in order, the
 * first match taking the alert unless it lets matching continue; a route may ask for an incident
 * ticket for the alerts it takes ({@link IncidentRoutes}). A person sees and changes the
 * routes of the organisations in their scope; routes for every organisation belong to those who see
 * everything.
 */
@Service
public class NotificationRoutes implements IncidentRoutes {

	static final int MAX_NAME = 200;

	static final int MAX_IDS = 100;

	static final int MAX_GROUP_WAIT_SECONDS = 300;

	static final int MAX_MINUTES = 1440;

	static final int MAX_CAP_COUNT = 1000;

	static final int DEFAULT_GROUP_WAIT_SECONDS = 10;

	static final int DEFAULT_CAP_PERIOD_MINUTES = 60;

	private final RouteStore store;

	private final Users users;

	private final SupportGroupDirectory groups;

	private final NotificationEndpoints endpoints;

	private final Organisations organisations;

	private final ConfigurationItems cis;

	private final Topology topology;

	private final AuditTrail audit;

	private final Clock clock;

	NotificationRoutes(RouteStore store, Users users, SupportGroupDirectory groups, NotificationEndpoints endpoints,
			Organisations organisations, ConfigurationItems cis, Topology topology, AuditTrail audit, Clock clock) {
		this.store = store;
		this.users = users;
		this.groups = groups;
		this.endpoints = endpoints;
		this.organisations = organisations;
		this.cis = cis;
		this.topology = topology;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * What a person sends to write a route; enumerations as text so that a wrong one is named.
	 * Omitted numbers and switches take their defaults (group wait 10 s, cap period 60 min, resolved
	 * notices on, enabled). {@code version} is required on a change.
	 */
	public record RouteInput(String name, Boolean enabled, List<String> severities, Long organisationId, String classCode,
			String tag, Long businessSystemId, List<Long> userIds, List<Long> groupIds, List<Long> endpointIds,
			List<String> channels, Integer groupWaitSeconds, Integer repeatMinutes, Integer escalateAfterMinutes,
			List<Long> escalateUserIds, List<Long> escalateGroupIds, Boolean escalateVoice, Integer capCount,
			Integer capPeriodMinutes, Boolean notifyResolved, Boolean openIncident, Boolean continueMatching,
			Integer version) {
	}

	/** The routes the person may see, in the order they are tried. */
	@Transactional(readOnly = true)
	public List<NotificationRoute> list(CurrentUser user) {
		return this.store.all().stream().filter(route -> visible(user.scope(), route)).toList();
	}

	@Transactional(readOnly = true)
	public NotificationRoute get(CurrentUser user, long id) {
		return this.store.find(id)
			.filter(route -> visible(user.scope(), route))
			.orElseThrow(() -> new OpsGuardException(AlertingError.UNKNOWN_ROUTE));
	}

	/** A route whatever the reader (sending). */
	Optional<NotificationRoute> find(long id) {
		return this.store.find(id);
	}

	/** The names of these support groups, by id; unknown ids are left out. */
	public Map<Long, String> groupNames(java.util.Collection<Long> ids) {
		Map<Long, String> names = new HashMap<>();
		for (Long id : new HashSet<>(ids)) {
			this.groups.find(id).ifPresent(group -> names.put(id, group.name()));
		}
		return names;
	}

	/** Every route, in order, whatever the reader (planning). */
	List<NotificationRoute> all() {
		return this.store.all();
	}

	/** These routes, in order, whatever the reader. */
	List<NotificationRoute> findAll(java.util.Collection<Long> ids) {
		return this.store.findAll(ids);
	}

	@Transactional
	public NotificationRoute create(CurrentUser user, RouteInput input) {
		NotificationRoute checked = check(user, orEmpty(input));
		Instant now = this.clock.instant();
		NotificationRoute route = copy(checked, 0, this.store.nextPosition(), user.id(), now, now, 0);
		long id = this.store.insert(route);
		NotificationRoute created = this.store.find(id).orElseThrow();
		this.audit.recordChange("ALERT_ROUTE_CREATED", "NotificationRoute", id, null, created);
		return created;
	}

	@Transactional
	public NotificationRoute update(CurrentUser user, long id, RouteInput input) {
		NotificationRoute before = get(user, id);
		if (input == null || input.version() == null) {
			throw OpsGuardException.onField("version", AlertingError.VERSION_REQUIRED);
		}
		NotificationRoute checked = check(user, input);
		NotificationRoute route = copy(checked, id, before.position(), before.createdBy(), before.createdAt(),
				this.clock.instant(), input.version());
		if (!this.store.update(route)) {
			throw new OpsGuardException(AlertingError.STALE_VERSION);
		}
		NotificationRoute after = this.store.find(id).orElseThrow();
		this.audit.recordChange("ALERT_ROUTE_UPDATED", "NotificationRoute", id, before, after);
		return after;
	}

	/** Deletes a route; its messages already sent stay in the log, the pending ones are not sent. */
	@Transactional
	public void delete(CurrentUser user, long id, Integer version) {
		NotificationRoute before = get(user, id);
		if (version == null) {
			throw OpsGuardException.onField("version", AlertingError.VERSION_REQUIRED);
		}
		if (!this.store.delete(id, version)) {
			throw new OpsGuardException(AlertingError.STALE_VERSION);
		}
		this.audit.recordChange("ALERT_ROUTE_DELETED", "NotificationRoute", id, before, null);
	}

	/**
	 * Puts the routes the person sees in the given order: {@code ids} lists each of them once; they
	 * take the positions they held between them, so routes the person does not see keep theirs.
	 */
	@Transactional
	public List<NotificationRoute> reorder(CurrentUser user, List<Long> ids) {
		List<NotificationRoute> visible = list(user);
		Set<Long> visibleIds = visible.stream().map(NotificationRoute::id).collect(Collectors.toSet());
		if (ids == null || ids.size() != visibleIds.size() || !visibleIds.equals(new HashSet<>(ids))) {
			throw OpsGuardException.onField("ids", AlertingError.BAD_ROUTE_ORDER);
		}
		List<Integer> positions = visible.stream().map(NotificationRoute::position).sorted().toList();
		Map<String, Object> before = new java.util.LinkedHashMap<>();
		Map<String, Object> after = new java.util.LinkedHashMap<>();
		for (NotificationRoute route : visible) {
			before.put(Long.toString(route.id()), route.position());
		}
		// distinct positions even where old rows shared one
		int previous = Integer.MIN_VALUE;
		for (int i = 0; i < ids.size(); i++) {
			int position = Math.max(positions.get(i), previous + 1);
			previous = position;
			this.store.position(ids.get(i), position);
			after.put(Long.toString(ids.get(i)), position);
		}
		this.audit.recordChange("ALERT_ROUTES_REORDERED", "NotificationRoute", "order", before, after);
		return list(user);
	}

	private static RouteInput orEmpty(RouteInput input) {
		return input != null ? input
				: new RouteInput(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
						null, null, null, null, null, null, null);
	}

	private static boolean visible(DataScope scope, NotificationRoute route) {
		return scope.all() || (route.organisationId() != null && scope.includes(route.organisationId()));
	}

	// ---- checking ------------------------------------------------------------------------

	/** Checks a route field by field; every bad field is named at once. */
	NotificationRoute check(CurrentUser user, RouteInput input) {
		List<FieldProblem> problems = new ArrayList<>();
		String name = input.name() == null ? null : input.name().trim();
		if (name == null || name.isEmpty()) {
			problems.add(new FieldProblem("name", AlertingError.NAME_REQUIRED, new Object[0]));
		}
		else if (name.length() > MAX_NAME) {
			problems.add(new FieldProblem("name", AlertingError.TEXT_TOO_LONG, new Object[] { MAX_NAME }));
		}
		List<AlertSeverity> severities = new ArrayList<>();
		for (String text : nonNull(input.severities())) {
			AlertSeverity severity = AlertSeverity.parse(text);
			if (severity == null) {
				problems.add(new FieldProblem("severities", AlertingError.BAD_MATCHER, new Object[] { String.valueOf(text) }));
			}
			else if (!severities.contains(severity)) {
				severities.add(severity);
			}
		}
		severities.sort(null);
		Long organisation = input.organisationId();
		if (organisation != null && this.organisations.find(organisation).isEmpty()) {
			problems.add(new FieldProblem("organisationId", AlertingError.BAD_MATCHER,
					new Object[] { String.valueOf(organisation) }));
		}
		else if (organisation == null ? !user.scope().all() : !user.scope().includes(organisation)) {
			problems.add(new FieldProblem("organisationId", AlertingError.ORGANISATION_OUT_OF_SCOPE, new Object[0]));
		}
		String classCode = blankToNull(input.classCode());
		if (classCode != null && (classCode.length() > 64 || !this.cis.isA(classCode, classCode))) {
			problems.add(new FieldProblem("classCode", AlertingError.BAD_MATCHER, new Object[] { cut(classCode, 64) }));
		}
		String tag = blankToNull(input.tag());
		if (tag != null && tag.length() > 100) {
			problems.add(new FieldProblem("tag", AlertingError.TEXT_TOO_LONG, new Object[] { 100 }));
		}
		Long system = input.businessSystemId();
		if (system != null && this.cis.businessSystems().stream().noneMatch(ci -> ci.id() == system)) {
			problems.add(new FieldProblem("businessSystemId", AlertingError.BAD_MATCHER,
					new Object[] { String.valueOf(system) }));
		}
		List<Long> users = checkUsers("userIds", input.userIds(), problems);
		List<Long> groups = checkGroups("groupIds", input.groupIds(), problems);
		List<Long> robots = checkEndpoints(input.endpointIds(), problems);
		if (users.isEmpty() && groups.isEmpty() && robots.isEmpty() && nonNull(input.userIds()).isEmpty()
				&& nonNull(input.groupIds()).isEmpty() && nonNull(input.endpointIds()).isEmpty()) {
			problems.add(new FieldProblem("userIds", AlertingError.RECIPIENT_REQUIRED, new Object[0]));
		}
		Set<Channel> channels = EnumSet.noneOf(Channel.class);
		boolean channelsNamed = true;
		for (String text : nonNull(input.channels())) {
			Channel channel = channel(text);
			if (channel == null) {
				problems.add(new FieldProblem("channels", AlertingError.BAD_CHANNEL, new Object[] { String.valueOf(text) }));
				channelsNamed = false;
			}
			else {
				channels.add(channel);
			}
		}
		if (channelsNamed) {
			boolean people = !nonNull(input.userIds()).isEmpty() || !nonNull(input.groupIds()).isEmpty();
			if (channels.isEmpty() || (people && channels.stream().noneMatch(Channel.PERSONAL::contains))) {
				problems.add(new FieldProblem("channels", AlertingError.CHANNEL_REQUIRED, new Object[0]));
			}
			if (channels.contains(Channel.WEBHOOK) && nonNull(input.endpointIds()).isEmpty()) {
				problems.add(new FieldProblem("channels", AlertingError.WEBHOOK_NEEDS_ENDPOINT, new Object[0]));
			}
			else if (!channels.contains(Channel.WEBHOOK) && !nonNull(input.endpointIds()).isEmpty()) {
				problems.add(new FieldProblem("endpointIds", AlertingError.WEBHOOK_NEEDS_ENDPOINT, new Object[0]));
			}
		}
		int groupWait = number("groupWaitSeconds", input.groupWaitSeconds(), DEFAULT_GROUP_WAIT_SECONDS, 0,
				MAX_GROUP_WAIT_SECONDS, problems);
		int repeat = number("repeatMinutes", input.repeatMinutes(), 0, 0, MAX_MINUTES, problems);
		int escalateAfter = number("escalateAfterMinutes", input.escalateAfterMinutes(), 0, 0, MAX_MINUTES, problems);
		List<Long> escalateUsers = checkUsers("escalateUserIds", input.escalateUserIds(), problems);
		List<Long> escalateGroups = checkGroups("escalateGroupIds", input.escalateGroupIds(), problems);
		if (escalateAfter > 0 && nonNull(input.escalateUserIds()).isEmpty() && nonNull(input.escalateGroupIds()).isEmpty()) {
			problems.add(new FieldProblem("escalateUserIds", AlertingError.ESCALATION_RECIPIENT_REQUIRED, new Object[0]));
		}
		int capCount = number("capCount", input.capCount(), 0, 0, MAX_CAP_COUNT, problems);
		int capPeriod = number("capPeriodMinutes", input.capPeriodMinutes(), DEFAULT_CAP_PERIOD_MINUTES, 1, MAX_MINUTES,
				problems);
		if (!problems.isEmpty()) {
			throw OpsGuardException.onFields(AlertingError.INVALID_ROUTE, problems);
		}
		List<Channel> ordered = new ArrayList<>(channels);
		return new NotificationRoute(0, name, 0, input.enabled() == null || input.enabled(), severities, organisation,
				classCode, tag, system, users, groups, robots, ordered, groupWait, repeat, escalateAfter, escalateUsers,
				escalateGroups, Boolean.TRUE.equals(input.escalateVoice()), capCount, capPeriod,
				input.notifyResolved() == null || input.notifyResolved(), Boolean.TRUE.equals(input.openIncident()),
				Boolean.TRUE.equals(input.continueMatching()), null, null, null, 0);
	}

	private List<Long> checkUsers(String field, List<Long> ids, List<FieldProblem> problems) {
		List<Long> wanted = distinct(field, ids, problems);
		if (wanted.isEmpty()) {
			return wanted;
		}
		Map<Long, Users.UserSummary> found = this.users.findAll(wanted);
		for (Long id : wanted) {
			Users.UserSummary user = found.get(id);
			if (user == null) {
				problems.add(new FieldProblem(field, AlertingError.UNKNOWN_USER, new Object[] { String.valueOf(id) }));
			}
			else if (!user.enabled()) {
				problems.add(new FieldProblem(field, AlertingError.USER_DISABLED,
						new Object[] { String.valueOf(id), user.displayName() }));
			}
		}
		return wanted;
	}

	private List<Long> checkGroups(String field, List<Long> ids, List<FieldProblem> problems) {
		List<Long> wanted = distinct(field, ids, problems);
		for (Long id : wanted) {
			if (this.groups.find(id).isEmpty()) {
				problems.add(new FieldProblem(field, AlertingError.UNKNOWN_GROUP, new Object[] { String.valueOf(id) }));
			}
		}
		return wanted;
	}

	private List<Long> checkEndpoints(List<Long> ids, List<FieldProblem> problems) {
		List<Long> wanted = distinct("endpointIds", ids, problems);
		Map<Long, NotificationEndpoints.EndpointSummary> found = this.endpoints.findAll(wanted);
		for (Long id : wanted) {
			NotificationEndpoints.EndpointSummary endpoint = found.get(id);
			if (endpoint == null || !endpoint.robot()) {
				problems.add(new FieldProblem("endpointIds", AlertingError.UNKNOWN_ENDPOINT, new Object[] { String.valueOf(id) }));
			}
		}
		return wanted;
	}

	private static List<Long> distinct(String field, List<Long> ids, List<FieldProblem> problems) {
		List<Long> wanted = new ArrayList<>(new LinkedHashSet<>(nonNull(ids).stream().filter(java.util.Objects::nonNull).toList()));
		if (wanted.size() > MAX_IDS) {
			problems.add(new FieldProblem(field, AlertingError.BAD_ROUTE_NUMBER, new Object[] { "1", String.valueOf(MAX_IDS) }));
			return List.of();
		}
		return wanted;
	}

	private static int number(String field, Integer value, int defaultValue, int min, int max, List<FieldProblem> problems) {
		int number = value == null ? defaultValue : value;
		if (number < min || number > max) {
			problems.add(new FieldProblem(field, AlertingError.BAD_ROUTE_NUMBER,
					new Object[] { String.valueOf(min), String.valueOf(max) }));
		}
		return number;
	}

	private static Channel channel(String text) {
		if (text == null) {
			return null;
		}
		for (Channel channel : Channel.values()) {
			if (channel.name().equalsIgnoreCase(text.trim())) {
				return channel;
			}
		}
		return null;
	}

	private static <T> List<T> nonNull(List<T> list) {
		return list == null ? List.of() : list;
	}

	private static String blankToNull(String text) {
		return text == null || text.isBlank() ? null : text.trim();
	}

	private static String cut(String text, int max) {
		return text.length() <= max ? text : text.substring(0, max);
	}

	private static NotificationRoute copy(NotificationRoute r, long id, int position, Long createdBy, Instant createdAt,
			Instant updatedAt, int version) {
		return new NotificationRoute(id, r.name(), position, r.enabled(), r.severities(), r.organisationId(), r.classCode(),
				r.tag(), r.businessSystemId(), r.userIds(), r.groupIds(), r.endpointIds(), r.channels(), r.groupWaitSeconds(),
				r.repeatMinutes(), r.escalateAfterMinutes(), r.escalateUserIds(), r.escalateGroupIds(), r.escalateVoice(),
				r.capCount(), r.capPeriodMinutes(), r.notifyResolved(), r.openIncident(), r.continueMatching(), createdBy,
				createdAt, updatedAt, version);
	}

	// ---- matching ------------------------------------------------------------------------

	/** What a route's matchers ask of an alert's resource, answered from the CMDB. */
	interface AlertFacts {

		/** Whether the organisation is {@code ancestor} or below it. */
		boolean inOrganisation(long organisationId, long ancestor);

		/** Whether the resource's class is {@code classCode} or below it. */
		boolean ofClass(long ciId, String classCode);

		boolean tagged(long ciId, String tag);

		/** Whether the resource belongs to the business system (is it, or one of its parts). */
		boolean inBusinessSystem(long ciId, long businessSystemId);

	}

	/** Whether the route takes the alert (disabled routes take none). */
	static boolean matches(NotificationRoute route, AlertRow alert, AlertFacts facts) {
		if (!route.enabled()) {
			return false;
		}
		if (!route.severities().isEmpty() && !route.severities().contains(alert.severity())) {
			return false;
		}
		if (route.organisationId() != null && (alert.organisationId() == null
				|| !facts.inOrganisation(alert.organisationId(), route.organisationId()))) {
			return false;
		}
		if (route.businessSystemId() != null && !route.businessSystemId().equals(alert.businessSystemId())
				&& (alert.ciId() == null || !facts.inBusinessSystem(alert.ciId(), route.businessSystemId()))) {
			return false;
		}
		if (route.classCode() != null && (alert.ciId() == null || !facts.ofClass(alert.ciId(), route.classCode()))) {
			return false;
		}
		return route.tag() == null || (alert.ciId() != null && facts.tagged(alert.ciId(), route.tag()));
	}

	/** The routes that take the alert, in order: the first match, and those after a route that continues. */
	static List<NotificationRoute> matching(List<NotificationRoute> routes, AlertRow alert, AlertFacts facts) {
		List<NotificationRoute> matched = new ArrayList<>();
		for (NotificationRoute route : routes) {
			if (matches(route, alert, facts)) {
				matched.add(route);
				if (!route.continueMatching()) {
					break;
				}
			}
		}
		return matched;
	}

	/** Whether a route that takes the alert asks for an incident ticket (the hand-over, ADR 0021). */
	@Override
	public boolean opensIncident(AlertRow alert) {
		return matching(alert).stream().anyMatch(NotificationRoute::openIncident);
	}

	/** The routes that take the alert now. */
	List<NotificationRoute> matching(AlertRow alert) {
		List<NotificationRoute> routes = this.store.all();
		if (routes.isEmpty()) {
			return List.of();
		}
		return matching(routes, alert, facts());
	}

	/** Answers from the topology snapshot, the CMDB and the organisation tree, remembered for one use. */
	AlertFacts facts() {
		Topology.Snapshot snapshot = this.topology.current();
		Map<Long, Set<Long>> subtrees = new HashMap<>();
		Map<Long, String> classes = new HashMap<>();
		return new AlertFacts() {

			@Override
			public boolean inOrganisation(long organisationId, long ancestor) {
				return subtrees.computeIfAbsent(ancestor, organisations::subtree).contains(organisationId);
			}

			@Override
			public boolean ofClass(long ciId, String classCode) {
				String own = classes.computeIfAbsent(ciId, id -> {
					Topology.Resource resource = snapshot.resource(id);
					return resource != null ? resource.classCode()
							: cis.find(id).map(ConfigurationItems.CiView::classCode).orElse("");
				});
				return !own.isEmpty() && cis.isA(own, classCode);
			}

			@Override
			public boolean tagged(long ciId, String tag) {
				return snapshot.scope(ScopeKind.TAG, tag).test(ciId);
			}

			@Override
			public boolean inBusinessSystem(long ciId, long businessSystemId) {
				Topology.Resource resource = snapshot.resource(ciId);
				return ciId == businessSystemId || (resource != null && resource.businessSystems().contains(businessSystemId))
						|| snapshot.scope(ScopeKind.BUSINESS_SYSTEM, Long.toString(businessSystemId)).test(ciId);
			}

		};
	}

}
