package io.opsguard.servicedesk.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.Organisations;
import io.opsguard.identity.Organisations.OrganisationView;
import io.opsguard.identity.Users;
import io.opsguard.notify.Notice;
import io.opsguard.notify.Notifications;
import io.opsguard.servicedesk.internal.RegistrationStore.Registration;
import io.opsguard.servicedesk.internal.RegistrationStore.RegistrationState;
import io.opsguard.shared.CommonError;
import io.opsguard.shared.Foreground;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.OpsGuardException.FieldProblem;
import io.opsguard.shared.PageQuery;
import io.opsguard.shared.PageResult;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Self-registration (R-DSK-12): a civil servant or a member of the public applies for a portal
 * account in the portal, naming their organisation; the password is hashed at once and only the
 * hash is kept. Nobody gets an account before a reviewer — a holder of {@value #APPROVE} whose data
 * scope includes the organisation — approves the application; the account is then a requester's:
 * enabled, no role, the applicant's password. Applicant and reviewers are told; every step is
 * audited.
 */
@Service
public class Registrations {

	public static final String APPROVE = "servicedesk:registration:approve";

	/** identity's own rule for usernames (UserController). */
	static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{3,32}");

	/** A mainland mobile number (optionally +86), or a landline with its area code and an extension. */
	static final Pattern PHONE = Pattern
		.compile("(?:(?:\\+?86)?1[3-9]\\d{9})|(?:0\\d{2,3}-?[1-9]\\d{6,7}(?:-\\d{1,6})?)");

	static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s.]+");

	static final int MAX_NAME = 50;

	static final int MAX_UNIT = 100;

	static final int MAX_EMAIL = 100;

	static final int MAX_REASON = 500;

	/** The most reviewers one new application is told about. */
	static final int MAX_REVIEWERS = 50;

	private static final Map<String, String> SORTABLE = Map.of("createdAt", "r.created_at", "decidedAt", "r.decided_at");

	private final RegistrationStore store;

	private final Users users;

	private final Organisations organisations;

	private final PasswordEncoder encoder;

	private final Foreground foreground;

	private final AuditTrail audit;

	private final Notifications notifications;

	private final PortalProperties properties;

	private final PublicRequestLimit limit;

	private final Clock clock;

	Registrations(RegistrationStore store, Users users, Organisations organisations, PasswordEncoder encoder,
			Foreground foreground, AuditTrail audit, Notifications notifications, PortalProperties properties,
			PublicRequestLimit limit, Clock clock) {
		this.store = store;
		this.users = users;
		this.organisations = organisations;
		this.encoder = encoder;
		this.foreground = foreground;
		this.audit = audit;
		this.notifications = notifications;
		this.properties = properties;
		this.limit = limit;
		this.clock = clock;
	}

	/** Whether self-registration is switched on ({@code opsguard.servicedesk.portal.registration-enabled}). */
	public boolean open() {
		return this.properties.registrationEnabled();
	}

	/**
	 * Answers 404 when registration is switched off, 429 beyond the address's share: applications
	 * have a share of their own ({@code registration-requests-per-minute}); reading the organisations
	 * counts with the other public pages.
	 */
	public void requireOpen(String address, boolean applying) {
		if (!this.properties.registrationEnabled()) {
			throw OpsGuardException.notFound();
		}
		if (applying) {
			this.limit.check("registration|" + (address == null ? "" : address),
					this.properties.registrationRequestsPerMinute());
		}
		else {
			this.limit.check(address);
		}
	}

	/** The enabled organisations an applicant chooses from, with the names of their path, by path. */
	@Transactional(readOnly = true)
	public List<OrganisationOption> organisations() {
		List<OrganisationOption> options = new ArrayList<>();
		for (OrganisationView organisation : this.organisations.all()) {
			if (!organisation.enabled()) {
				continue;
			}
			List<OrganisationView> path = this.organisations.path(organisation.id());
			if (path.stream().allMatch(OrganisationView::enabled)) {
				options.add(new OrganisationOption(organisation.id(), organisation.name(),
						path.stream().map(OrganisationView::name).collect(Collectors.joining(" / "))));
			}
		}
		options.sort(Comparator.comparing(OrganisationOption::path));
		return options;
	}

	/**
	 * Takes an application: every field checked (each bad one named), the username free among
	 * accounts and pending applications, the password by identity's policy and hashed at once.
	 */
	@Transactional
	public long apply(Application input, String sourceAddress) {
		List<FieldProblem> problems = new ArrayList<>();
		String username = trim(input.username());
		boolean usernameShaped = username != null && USERNAME.matcher(username).matches();
		if (!usernameShaped) {
			problems.add(new FieldProblem("username", PortalError.REGISTRATION_USERNAME_INVALID, new Object[0]));
		}
		String displayName = trim(input.displayName());
		if (displayName == null || displayName.length() > MAX_NAME || hasControl(displayName)) {
			problems.add(new FieldProblem("displayName", PortalError.REGISTRATION_NAME_INVALID, new Object[] { MAX_NAME }));
		}
		String phone = input.phone() == null ? null : input.phone().replace(" ", "").strip();
		if (phone == null || phone.isEmpty() || !PHONE.matcher(phone).matches()) {
			problems.add(new FieldProblem("phone", PortalError.REGISTRATION_PHONE_INVALID, new Object[0]));
		}
		String email = trim(input.email());
		if (email != null && (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches())) {
			problems.add(new FieldProblem("email", PortalError.REGISTRATION_EMAIL_INVALID, new Object[0]));
		}
		Long organisationId = input.organisationId();
		if (organisationId == null || !selectable(organisationId)) {
			problems.add(new FieldProblem("organisationId", PortalError.REGISTRATION_ORGANISATION_INVALID, new Object[0]));
		}
		String unit = trim(input.unit());
		if (unit != null && (unit.length() > MAX_UNIT || hasControl(unit))) {
			problems.add(new FieldProblem("unit", PortalError.REGISTRATION_UNIT_TOO_LONG, new Object[] { MAX_UNIT }));
		}
		try {
			this.users.checkNewPassword(input.password(), username, "password");
		}
		catch (OpsGuardException ex) {
			problems.addAll(ex.fieldProblems());
		}
		if (usernameShaped && (this.users.findByUsername(username).isPresent() || this.store.pendingWithUsername(username))) {
			problems.add(new FieldProblem("username", PortalError.USERNAME_NOT_AVAILABLE, new Object[0]));
		}
		if (!problems.isEmpty()) {
			throw OpsGuardException.onFields(CommonError.VALIDATION_FAILED, problems, problems.size());
		}
		String hash = this.foreground.run(() -> this.encoder.encode(input.password()));
		Instant now = this.clock.instant();
		Registration row = new Registration(0, username, displayName, phone, email, organisationId, unit, hash,
				RegistrationState.PENDING, null, now, null, null, null, address(sourceAddress), 0);
		long id = this.store.insert(row);
		this.audit.recordChange("REGISTRATION_SUBMITTED", "REGISTRATION", id, null, snapshot(row));
		Set<Long> reviewers = this.users.holding(APPROVE, organisationId, MAX_REVIEWERS);
		if (!reviewers.isEmpty()) {
			this.notifications.send(Notice.of(ServiceDeskNotices.REGISTRATION_SUBMITTED)
				.toUsers(reviewers)
				.with(model(row))
				.link("/servicedesk/registrations")
				.dedupKey("registration:" + id + ":submitted")
				.organisation(organisationId)
				.build());
		}
		return id;
	}

	@Transactional(readOnly = true)
	public PageResult<RegistrationView> search(CurrentUser caller, RegistrationState state, String q, Integer page,
			Integer size, String sort) {
		PageQuery paging = PageQuery.of(page, size, sort, SORTABLE, "r.created_at desc, r.id desc");
		PageResult<Registration> rows = this.store.search(caller.scope(), state, q, paging);
		Map<Long, String> names = this.users.displayNames(
				rows.items().stream().map(Registration::decidedBy).filter(java.util.Objects::nonNull).toList());
		return rows.map(r -> view(r, names));
	}

	/** Creates the requester's account, if its username is still free; the applicant is told. */
	@Transactional
	public RegistrationView approve(CurrentUser caller, long id, Integer version) {
		Registration before = pending(caller, id, version);
		if (this.users.findByUsername(before.username()).isPresent()) {
			throw new OpsGuardException(PortalError.REGISTRATION_USERNAME_TAKEN, before.username());
		}
		long userId;
		try {
			userId = this.users.createRequester(new Users.NewRequester(before.username(), before.displayName(),
					before.organisationId(), before.phone(), before.email(), before.passwordHash()));
		}
		catch (OpsGuardException ex) {
			if (ex.fieldProblems().stream().anyMatch(p -> p.field().equals("username"))) {
				throw new OpsGuardException(PortalError.REGISTRATION_USERNAME_TAKEN, before.username());
			}
			throw ex;
		}
		Registration after = decide(caller, before, RegistrationState.APPROVED, null, userId);
		tellApplicant(after, ServiceDeskNotices.REGISTRATION_APPROVED, "/login");
		return view(after, Map.of(caller.id(), caller.displayName()));
	}

	/** Refuses the application with a reason the applicant is told. */
	@Transactional
	public RegistrationView reject(CurrentUser caller, long id, Integer version, String reason) {
		String why = trim(reason);
		if (why == null) {
			throw OpsGuardException.onField("reason", PortalError.REGISTRATION_REASON_REQUIRED, MAX_REASON);
		}
		if (why.length() > MAX_REASON || hasControl(why.replace('\n', ' ').replace('\r', ' '))) {
			throw OpsGuardException.onField("reason", PortalError.REGISTRATION_REASON_REQUIRED, MAX_REASON);
		}
		Registration before = pending(caller, id, version);
		Registration after = decide(caller, before, RegistrationState.REJECTED, why, null);
		tellApplicant(after, ServiceDeskNotices.REGISTRATION_REJECTED, null);
		return view(after, Map.of(caller.id(), caller.displayName()));
	}

	private Registration pending(CurrentUser caller, long id, Integer version) {
		Registration row = this.store.find(id)
			.filter(r -> caller.scope().includes(r.organisationId()))
			.orElseThrow(OpsGuardException::notFound);
		if (version == null) {
			throw OpsGuardException.onField("version", ServiceDeskError.VERSION_REQUIRED);
		}
		if (row.version() != version) {
			throw new OpsGuardException(PortalError.STALE, row.version());
		}
		if (row.state() != RegistrationState.PENDING) {
			throw new OpsGuardException(PortalError.REGISTRATION_DECIDED);
		}
		return row;
	}

	private Registration decide(CurrentUser caller, Registration before, RegistrationState state, String reason,
			Long userId) {
		Instant now = this.clock.instant();
		if (!this.store.decide(before.id(), before.version(), state, reason, now, caller.id(), userId)) {
			throw new OpsGuardException(PortalError.STALE, before.version() + 1);
		}
		Registration after = this.store.find(before.id()).orElseThrow();
		this.audit.recordChange(state == RegistrationState.APPROVED ? "REGISTRATION_APPROVED" : "REGISTRATION_REJECTED",
				"REGISTRATION", before.id(), snapshot(before), snapshot(after));
		return after;
	}

	private void tellApplicant(Registration r, String type, String link) {
		Notice.Builder notice = Notice.of(type)
			.toAddress(Notice.Address.sms(r.phone()))
			.with(model(r))
			.dedupKey("registration:" + r.id() + ":" + r.state().name().toLowerCase(java.util.Locale.ROOT))
			.organisation(r.organisationId());
		if (r.email() != null) {
			notice.toAddress(Notice.Address.email(r.email()));
		}
		if (link != null) {
			notice.link(link);
		}
		this.notifications.send(notice.build());
	}

	private Map<String, Object> model(Registration r) {
		Map<String, Object> model = new LinkedHashMap<>();
		model.put("name", r.displayName());
		model.put("username", r.username());
		model.put("phone", r.phone());
		model.put("organisation", this.organisations.find(r.organisationId()).map(OrganisationView::name).orElse(""));
		model.put("unit", r.unit() == null ? "" : r.unit());
		model.put("reason", r.reason() == null ? "" : r.reason());
		return model;
	}

	private RegistrationView view(Registration r, Map<Long, String> names) {
		List<OrganisationView> path = this.organisations.path(r.organisationId());
		return new RegistrationView(r.id(), r.username(), r.displayName(), r.phone(), r.email(), r.organisationId(),
				path.isEmpty() ? null : path.get(path.size() - 1).name(),
				path.stream().map(OrganisationView::name).collect(Collectors.joining(" / ")), r.unit(), r.state(), r.reason(),
				r.createdAt(), r.decidedAt(), r.decidedBy(), r.decidedBy() == null ? null : names.get(r.decidedBy()),
				r.userId(), r.sourceAddress(), r.version());
	}

	private boolean selectable(long organisationId) {
		List<OrganisationView> path = this.organisations.path(organisationId);
		return !path.isEmpty() && path.get(path.size() - 1).id() == organisationId
				&& path.stream().allMatch(OrganisationView::enabled);
	}

	/** What the audit log keeps of an application: never the password's hash. */
	private static Map<String, Object> snapshot(Registration r) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("username", r.username());
		map.put("displayName", r.displayName());
		map.put("phone", r.phone());
		map.put("email", r.email());
		map.put("organisationId", r.organisationId());
		map.put("unit", r.unit());
		map.put("state", r.state().name());
		map.put("reason", r.reason());
		map.put("userId", r.userId());
		map.put("sourceAddress", r.sourceAddress());
		return map;
	}

	private static String address(String value) {
		return value == null ? null : value.length() > 64 ? value.substring(0, 64) : value;
	}

	private static String trim(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	private static boolean hasControl(String value) {
		return value.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT);
	}

	/** What an applicant sends; the password leaves this record only as its hash. */
	public record Application(String username, String displayName, String phone, String email, Long organisationId,
			String unit, String password) {

		@Override
		public String toString() {
			return "Application[" + this.username + "]";
		}

	}

	/** An organisation to choose from: its id, name and the names from the top down to it. */
	public record OrganisationOption(long id, String name, String path) {
	}

	/** An application as reviewers see it (never the password's hash). */
	public record RegistrationView(long id, String username, String displayName, String phone, String email,
			long organisationId, String organisationName, String organisationPath, String unit, RegistrationState state,
			String reason, Instant createdAt, Instant decidedAt, Long decidedById, String decidedByName, Long userId,
			String sourceAddress, int version) {
	}

}
