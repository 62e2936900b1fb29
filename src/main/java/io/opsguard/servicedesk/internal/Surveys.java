package io.opsguard.servicedesk.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.Organisations;
import io.opsguard.servicedesk.SurveyInvited;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.OpsGuardException.FieldProblem;
import io.opsguard.shared.PageQuery;
import io.opsguard.shared.PageResult;
import io.opsguard.shared.SqlPages;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import static io.opsguard.servicedesk.internal.ReturnVisits.ZONE;
import static io.opsguard.servicedesk.internal.TicketStore.instant;
import static io.opsguard.servicedesk.internal.TicketStore.ts;

/**
 * Satisfaction surveys (R-DSK-11): a title and 1–10 questions (a rating 1–5, one choice among
 * options, or free text), sent to a random sample of the requesters whose tickets were resolved
 * in a period (a percentage of them or a number), each with a one-use token for the public answer
 * page (ADR 0013), then closed; results per question and the response rate. A survey belongs to an
 * organisation and reaches the requesters of its subtree. Drafts can be changed and deleted; a
 * sent survey keeps its questions.
 */
@Service
public class Surveys {

	static final int MAX_QUESTIONS = 10;

	static final int MAX_OPTIONS = 10;

	private static final SecureRandom RANDOM = new SecureRandom();

	/** What a question asks for. */
	public enum QuestionKind {

		RATING, CHOICE, TEXT

	}

	private final JdbcClient jdbc;

	private final Organisations organisations;

	private final ApplicationEventPublisher events;

	private final AuditTrail audit;

	private final SatisfactionProperties properties;

	private final Clock clock;

	Surveys(JdbcClient jdbc, Organisations organisations, ApplicationEventPublisher events, AuditTrail audit,
			SatisfactionProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.organisations = organisations;
		this.events = events;
		this.audit = audit;
		this.properties = properties;
		this.clock = clock;
	}

	// ---- definitions ----------------------------------------------------------------------------

	@Transactional(readOnly = true)
	public PageResult<Survey> list(CurrentUser user, String state, PageQuery paging) {
		Map<String, Object> params = new HashMap<>();
		String condition = user.scope().sqlCondition("s.organisation_id");
		if (state != null && !state.isBlank()) {
			condition += " and s.state = :state";
			params.put("state", state);
		}
		PageResult<Long> ids = SqlPages.ids(this.jdbc, "s.id", "sd_survey s", condition, params, paging);
		return new PageResult<>(ids.items().stream().map(this::load).map(Optional::orElseThrow).toList(), ids.total(),
				ids.page(), ids.size());
	}

	@Transactional(readOnly = true)
	public Survey get(CurrentUser user, long id) {
		return load(id).filter(s -> user.scope().includes(s.organisationId()))
			.orElseThrow(() -> new OpsGuardException(PortalError.UNKNOWN_SURVEY, String.valueOf(id)));
	}

	@Transactional
	public Survey create(CurrentUser user, SurveyInput input) {
		Checked checked = check(user, input);
		Instant now = this.clock.instant();
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into sd_survey (title, description, organisation_id, state, invited, version, created_at, updated_at,
				  created_by)
				values (:title, :description, :org, 'DRAFT', 0, 0, :now, :now, :user)""")
			.param("title", checked.title())
			.param("description", checked.description())
			.param("org", checked.organisationId())
			.param("now", ts(now))
			.param("user", user.id())
			.update(keys, "id");
		long id = keys.getKeyAs(Number.class).longValue();
		writeQuestions(id, checked.questions());
		Survey survey = get(user, id);
		this.audit.recordChange("SURVEY_CREATED", "survey", id, null, survey);
		return survey;
	}

	@Transactional
	public Survey update(CurrentUser user, long id, SurveyInput input) {
		Survey before = get(user, id);
		if (input.version() == null) {
			throw OpsGuardException.onField("version", ServiceDeskError.VERSION_REQUIRED);
		}
		if (!before.state().equals("DRAFT")) {
			throw new OpsGuardException(PortalError.SURVEY_NOT_DRAFT);
		}
		Checked checked = check(user, input);
		int rows = this.jdbc.sql("""
				update sd_survey set title = :title, description = :description, organisation_id = :org,
				  version = version + 1, updated_at = :now
				where id = :id and version = :version and state = 'DRAFT'""")
			.param("title", checked.title())
			.param("description", checked.description())
			.param("org", checked.organisationId())
			.param("now", ts(this.clock.instant()))
			.param("id", id)
			.param("version", input.version())
			.update();
		if (rows == 0) {
			throw new OpsGuardException(PortalError.STALE, before.version());
		}
		this.jdbc.sql("delete from sd_survey_question where survey_id = :id").param("id", id).update();
		writeQuestions(id, checked.questions());
		Survey after = get(user, id);
		this.audit.recordChange("SURVEY_UPDATED", "survey", id, before, after);
		return after;
	}

	@Transactional
	public void delete(CurrentUser user, long id) {
		Survey before = get(user, id);
		if (!before.state().equals("DRAFT")) {
			throw new OpsGuardException(PortalError.SURVEY_NOT_DRAFT);
		}
		this.jdbc.sql("delete from sd_survey_question where survey_id = :id").param("id", id).update();
		this.jdbc.sql("delete from sd_survey where id = :id").param("id", id).update();
		this.audit.recordChange("SURVEY_DELETED", "survey", id, before, null);
	}

	// ---- sending and closing --------------------------------------------------------------------

	/**
	 * Sends a draft to a random sample of the requesters (with an account) of tickets of the
	 * survey's organisation subtree resolved from {@code from} to {@code to} (days in China's time):
	 * {@code percent} of them (rounded up) or {@code count}; each gets an invitation with a token.
	 */
	@Transactional
	public Survey send(CurrentUser user, long id, SendInput input) {
		Survey survey = get(user, id);
		if (input.version() == null) {
			throw OpsGuardException.onField("version", ServiceDeskError.VERSION_REQUIRED);
		}
		List<FieldProblem> problems = new ArrayList<>();
		if (input.from() == null || input.to() == null) {
			problems.add(new FieldProblem(input.from() == null ? "from" : "to", PortalError.BAD_PERIOD, new Object[0]));
		}
		else {
			try {
				Periods.check(input.from(), input.to());
			}
			catch (OpsGuardException ex) {
				problems.addAll(ex.fieldProblems());
			}
		}
		boolean percent = input.percent() != null;
		if (percent == (input.count() != null) || percent && (input.percent() < 1 || input.percent() > 100)
				|| !percent && (input.count() < 1 || input.count() > 10_000)) {
			problems.add(new FieldProblem(percent || input.count() == null ? "percent" : "count", PortalError.BAD_SAMPLE,
					new Object[0]));
		}
		int days = input.days() == null ? this.properties.surveyDays() : input.days();
		if (days < 1 || days > 365) {
			problems.add(new FieldProblem("days", io.opsguard.shared.CommonError.BAD_PARAMETER, new Object[] { "days" }));
		}
		if (!problems.isEmpty()) {
			throw OpsGuardException.onFields(problems.get(0).errorCode(), problems, problems.get(0).args());
		}
		if (!survey.state().equals("DRAFT")) {
			throw new OpsGuardException(PortalError.SURVEY_NOT_DRAFT);
		}
		if (survey.version() != input.version()) {
			throw new OpsGuardException(PortalError.STALE, survey.version());
		}
		Set<Long> subtree = this.organisations.subtree(survey.organisationId());
		List<Long> requesters = new ArrayList<>(this.jdbc.sql("select distinct t.requester_id from sd_ticket t where "
				+ io.opsguard.identity.DataScope.of(subtree).sqlCondition("t.organisation_id")
				+ " and t.requester_id is not null and t.resolved_at >= :from and t.resolved_at < :to order by t.requester_id")
			.param("from", ts(input.from().atStartOfDay(ZONE).toInstant()))
			.param("to", ts(input.to().plusDays(1).atStartOfDay(ZONE).toInstant()))
			.query(Long.class)
			.list());
		if (requesters.isEmpty()) {
			throw new OpsGuardException(PortalError.NOBODY_TO_ASK);
		}
		int sample = percent ? (int) Math.ceil(requesters.size() * input.percent() / 100.0)
				: Math.min(input.count(), requesters.size());
		Collections.shuffle(requesters, RANDOM);
		List<Long> chosen = requesters.subList(0, sample);
		Instant now = this.clock.instant();
		Instant expires = now.plus(Duration.ofDays(days));
		List<SurveyInvited> invited = new ArrayList<>();
		for (Long requester : chosen) {
			String token = Tokens.newToken();
			GeneratedKeyHolder keys = new GeneratedKeyHolder();
			this.jdbc.sql("""
					insert into sd_survey_invitation (survey_id, requester_id, token_hash, state, created_at, expires_at)
					values (:survey, :requester, :hash, 'PENDING', :now, :expires)""")
				.param("survey", id)
				.param("requester", requester)
				.param("hash", Tokens.hash(token))
				.param("now", ts(now))
				.param("expires", ts(expires))
				.update(keys, "id");
			invited.add(new SurveyInvited(keys.getKeyAs(Number.class).longValue(), id, survey.title(), requester,
					this.properties.portalPath() + "/survey/" + token, expires));
		}
		this.jdbc.sql("""
				update sd_survey set state = 'SENT', period_from = :from, period_to = :to, sample_percent = :percent,
				  sample_count = :count, invited = :invited, expires_at = :expires, sent_at = :now, updated_at = :now,
				  version = version + 1
				where id = :id""")
			.param("from", input.from())
			.param("to", input.to())
			.param("percent", input.percent())
			.param("count", input.count())
			.param("invited", chosen.size())
			.param("expires", ts(expires))
			.param("now", ts(now))
			.param("id", id)
			.update();
		Survey after = get(user, id);
		this.audit.recordChange("SURVEY_SENT", "survey", id, survey, after);
		invited.forEach(this.events::publishEvent);
		return after;
	}

	/** Closes a sent survey: invitations not answered expire. */
	@Transactional
	public Survey close(CurrentUser user, long id) {
		Survey survey = get(user, id);
		if (!survey.state().equals("SENT")) {
			throw new OpsGuardException(PortalError.SURVEY_NOT_SENT);
		}
		Instant now = this.clock.instant();
		this.jdbc.sql("update sd_survey_invitation set state = 'EXPIRED' where survey_id = :id and state = 'PENDING'")
			.param("id", id)
			.update();
		this.jdbc.sql("update sd_survey set state = 'CLOSED', closed_at = :now, updated_at = :now, version = version + 1 where id = :id")
			.param("now", ts(now))
			.param("id", id)
			.update();
		Survey after = get(user, id);
		this.audit.recordChange("SURVEY_CLOSED", "survey", id, survey, after);
		return after;
	}

	/** Per question: how many answered, the ratings' distribution and average, the choices counted, the texts. */
	@Transactional(readOnly = true)
	public Results results(CurrentUser user, long id) {
		Survey survey = get(user, id);
		int answered = survey.answered();
		List<QuestionResult> results = new ArrayList<>();
		for (Question question : survey.questions()) {
			long[] distribution = new long[5];
			Map<String, Long> choices = new LinkedHashMap<>();
			question.options().forEach(o -> choices.put(o, 0L));
			List<String> texts = new ArrayList<>();
			int[] count = { 0 };
			long[] sum = { 0 };
			this.jdbc.sql("""
					select a.rating, a.choice, a.text from sd_survey_answer a
					where a.question_id = :question order by a.invitation_id desc""")
				.param("question", question.id())
				.query(rs -> {
					int rating = rs.getInt(1);
					boolean rated = !rs.wasNull();
					String choice = rs.getString(2);
					String text = rs.getString(3);
					if (rated && rating >= 1 && rating <= 5) {
						distribution[rating - 1]++;
						sum[0] += rating;
						count[0]++;
					}
					else if (choice != null) {
						choices.merge(choice, 1L, Long::sum);
						count[0]++;
					}
					else if (text != null) {
						count[0]++;
						if (texts.size() < 200) {
							texts.add(text);
						}
					}
				});
			Double average = question.kind() == QuestionKind.RATING && count[0] > 0 ? Math.round(sum[0] * 100.0 / count[0]) / 100.0
					: null;
			results.add(new QuestionResult(question.id(), question.kind(), question.text(), count[0], average,
					question.kind() == QuestionKind.RATING ? java.util.Arrays.stream(distribution).boxed().toList() : List.of(),
					question.kind() == QuestionKind.CHOICE ? choices : Map.of(), texts));
		}
		double rate = survey.invited() == 0 ? 0 : Math.round(answered * 1000.0 / survey.invited()) / 10.0;
		return new Results(survey.id(), survey.title(), survey.state(), survey.invited(), answered, rate, results);
	}

	// ---- the public answer page -------------------------------------------------------------------

	/** The survey behind a token, for the answer page; its state as of now. */
	@Transactional(readOnly = true)
	public PublicSurvey byToken(String token) {
		InvitationRow invitation = invitation(token);
		Survey survey = load(invitation.surveyId()).orElseThrow();
		return new PublicSurvey(survey.title(), survey.description(), state(invitation, survey), invitation.expiresAt(),
				survey.questions());
	}

	/** Answers a survey through its token, once, before it expires or is closed. */
	@Transactional
	public void answer(String token, List<Answer> answers) {
		InvitationRow found = invitation(token);
		this.jdbc.sql("select id from sd_survey_invitation where id = :id for update").param("id", found.id()).query(Long.class).single();
		InvitationRow invitation = invitation(token);
		Survey survey = load(invitation.surveyId()).orElseThrow();
		switch (state(invitation, survey)) {
			case "ANSWERED" -> throw new OpsGuardException(PortalError.SURVEY_ANSWERED);
			case "EXPIRED" -> throw new OpsGuardException(PortalError.SURVEY_INVITATION_EXPIRED);
			default -> {
			}
		}
		Map<Long, Answer> byQuestion = new HashMap<>();
		List<FieldProblem> problems = new ArrayList<>();
		for (Answer answer : answers == null ? List.<Answer>of() : answers) {
			if (answer == null || answer.questionId() == null
					|| survey.questions().stream().noneMatch(q -> q.id() == answer.questionId())) {
				problems.add(new FieldProblem("answers", PortalError.BAD_ANSWER, new Object[0]));
				continue;
			}
			byQuestion.put(answer.questionId(), answer);
		}
		for (Question question : survey.questions()) {
			Answer answer = byQuestion.get(question.id());
			String field = "answers." + question.id();
			boolean empty = answer == null || answer.rating() == null && blank(answer.choice()) && blank(answer.text());
			if (empty) {
				if (question.required()) {
					problems.add(new FieldProblem(field, PortalError.ANSWER_MISSING, new Object[0]));
				}
				continue;
			}
			boolean bad = switch (question.kind()) {
				case RATING -> answer.rating() == null || answer.rating() < 1 || answer.rating() > 5;
				case CHOICE -> answer.choice() == null || !question.options().contains(answer.choice());
				case TEXT -> answer.text() == null || answer.text().strip().length() > 2000;
			};
			if (bad) {
				problems.add(new FieldProblem(field, PortalError.BAD_ANSWER, new Object[0]));
			}
		}
		if (!problems.isEmpty()) {
			throw OpsGuardException.onFields(problems.get(0).errorCode(), problems, problems.get(0).args());
		}
		for (Question question : survey.questions()) {
			Answer answer = byQuestion.get(question.id());
			if (answer == null || answer.rating() == null && blank(answer.choice()) && blank(answer.text())) {
				continue;
			}
			this.jdbc.sql("""
					insert into sd_survey_answer (invitation_id, question_id, rating, choice, text)
					values (:invitation, :question, :rating, :choice, :text)""")
				.param("invitation", invitation.id())
				.param("question", question.id())
				.param("rating", question.kind() == QuestionKind.RATING ? answer.rating() : null)
				.param("choice", question.kind() == QuestionKind.CHOICE ? answer.choice() : null)
				.param("text", question.kind() == QuestionKind.TEXT ? answer.text().strip() : null)
				.update();
		}
		this.jdbc.sql("update sd_survey_invitation set state = 'ANSWERED', answered_at = :now where id = :id")
			.param("now", ts(this.clock.instant()))
			.param("id", invitation.id())
			.update();
		this.audit.record("SURVEY_ANSWERED", "survey", survey.id(), survey.title(), true);
	}

	// ---- internals ------------------------------------------------------------------------------

	private InvitationRow invitation(String token) {
		if (!Tokens.wellFormed(token)) {
			throw new OpsGuardException(PortalError.UNKNOWN_SURVEY_INVITATION);
		}
		return this.jdbc.sql("select id, survey_id, state, expires_at from sd_survey_invitation where token_hash = :hash")
			.param("hash", Tokens.hash(token))
			.query((rs, n) -> new InvitationRow(rs.getLong(1), rs.getLong(2), rs.getString(3), instant(rs, "expires_at")))
			.optional()
			.orElseThrow(() -> new OpsGuardException(PortalError.UNKNOWN_SURVEY_INVITATION));
	}

	private String state(InvitationRow invitation, Survey survey) {
		if (invitation.state().equals("PENDING")
				&& (!invitation.expiresAt().isAfter(this.clock.instant()) || !survey.state().equals("SENT"))) {
			return "EXPIRED";
		}
		return invitation.state();
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

	private Checked check(CurrentUser user, SurveyInput input) {
		List<FieldProblem> problems = new ArrayList<>();
		String title = input.title() == null ? "" : input.title().strip();
		if (title.isEmpty()) {
			problems.add(new FieldProblem("title", PortalError.TITLE_REQUIRED, new Object[0]));
		}
		else if (title.length() > 200) {
			problems.add(new FieldProblem("title", ServiceDeskError.TOO_LONG, new Object[] { 200 }));
		}
		String description = input.description() == null || input.description().isBlank() ? null : input.description().strip();
		if (description != null && description.length() > 2000) {
			problems.add(new FieldProblem("description", ServiceDeskError.TOO_LONG, new Object[] { 2000 }));
		}
		long organisationId = input.organisationId() == null ? user.organisationId() : input.organisationId();
		if (!user.scope().includes(organisationId) || this.organisations.find(organisationId).isEmpty()) {
			problems.add(new FieldProblem("organisationId", ServiceDeskError.UNKNOWN_ORGANISATION,
					new Object[] { String.valueOf(organisationId) }));
		}
		List<QuestionInput> questions = input.questions() == null ? List.of() : input.questions();
		if (questions.isEmpty() || questions.size() > MAX_QUESTIONS) {
			problems.add(new FieldProblem("questions", PortalError.QUESTIONS_REQUIRED, new Object[] { MAX_QUESTIONS }));
		}
		List<QuestionInput> checked = new ArrayList<>();
		for (int i = 0; i < questions.size() && i < MAX_QUESTIONS; i++) {
			QuestionInput q = questions.get(i);
			String field = "questions[" + i + "]";
			String text = q == null || q.text() == null ? "" : q.text().strip();
			List<String> options = new ArrayList<>(new LinkedHashSet<>(q == null || q.options() == null ? List.<String>of()
					: q.options().stream().filter(o -> o != null && !o.isBlank()).map(String::strip).toList()));
			boolean bad = q == null || q.kind() == null || text.isEmpty() || text.length() > 500
					|| q.kind() == QuestionKind.CHOICE && (options.size() < 2 || options.size() > MAX_OPTIONS
							|| options.stream().anyMatch(o -> o.length() > 190 || o.contains("\n") || o.contains("\r")));
			if (bad) {
				problems.add(new FieldProblem(field, PortalError.BAD_QUESTION, new Object[] { i + 1 }));
				continue;
			}
			checked.add(new QuestionInput(q.kind(), text, q.kind() == QuestionKind.CHOICE ? options : List.of(),
					q.required() == null || q.required()));
		}
		if (!problems.isEmpty()) {
			throw OpsGuardException.onFields(problems.get(0).errorCode(), problems, problems.get(0).args());
		}
		return new Checked(title, description, organisationId, checked);
	}

	private void writeQuestions(long surveyId, List<QuestionInput> questions) {
		int position = 0;
		for (QuestionInput q : questions) {
			this.jdbc.sql("""
					insert into sd_survey_question (survey_id, position, kind, text, options, required)
					values (:survey, :position, :kind, :text, :options, :required)""")
				.param("survey", surveyId)
				.param("position", position++)
				.param("kind", q.kind().name())
				.param("text", q.text())
				.param("options", q.options().isEmpty() ? null : String.join("\n", q.options()))
				.param("required", q.required())
				.update();
		}
	}

	private Optional<Survey> load(long id) {
		List<Question> questions = this.jdbc.sql("""
				select id, position, kind, text, options, required from sd_survey_question where survey_id = :id order by position""")
			.param("id", id)
			.query((rs, n) -> {
				String options = rs.getString("options");
				return new Question(rs.getLong("id"), rs.getInt("position"), QuestionKind.valueOf(rs.getString("kind")),
						rs.getString("text"), options == null ? List.of() : List.of(options.split("\n")),
						rs.getBoolean("required"));
			})
			.list();
		long answered = this.jdbc.sql("select count(*) from sd_survey_invitation where survey_id = :id and state = 'ANSWERED'")
			.param("id", id)
			.query(Long.class)
			.single();
		return this.jdbc.sql("""
				select id, title, description, organisation_id, state, period_from, period_to, sample_percent, sample_count,
				  invited, expires_at, version, created_at, updated_at, sent_at, closed_at
				from sd_survey where id = :id""")
			.param("id", id)
			.query((rs, n) -> new Survey(rs.getLong("id"), rs.getString("title"), rs.getString("description"),
					rs.getLong("organisation_id"), rs.getString("state"), date(rs, "period_from"), date(rs, "period_to"),
					integer(rs, "sample_percent"), integer(rs, "sample_count"), rs.getInt("invited"), (int) answered,
					instant(rs, "expires_at"), rs.getInt("version"), instant(rs, "created_at"), instant(rs, "updated_at"),
					instant(rs, "sent_at"), instant(rs, "closed_at"), questions))
			.optional();
	}

	private static LocalDate date(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
		java.sql.Date value = rs.getDate(column);
		return value == null ? null : value.toLocalDate();
	}

	private static Integer integer(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
		int value = rs.getInt(column);
		return rs.wasNull() ? null : value;
	}

	private record InvitationRow(long id, long surveyId, String state, Instant expiresAt) {
	}

	private record Checked(String title, String description, long organisationId, List<QuestionInput> questions) {
	}

	/** A survey with its questions; {@code state} DRAFT, SENT or CLOSED; how many were invited and answered. */
	public record Survey(long id, String title, String description, long organisationId, String state, LocalDate periodFrom,
			LocalDate periodTo, Integer samplePercent, Integer sampleCount, int invited, int answered, Instant expiresAt,
			int version, Instant createdAt, Instant updatedAt, Instant sentAt, Instant closedAt, List<Question> questions) {
	}

	/** A question; {@code options} for CHOICE. */
	public record Question(long id, int position, QuestionKind kind, String text, List<String> options, boolean required) {
	}

	/** A survey as written; {@code organisationId} defaults to the author's, {@code version} when changing it. */
	public record SurveyInput(String title, String description, Long organisationId, List<QuestionInput> questions,
			Integer version) {
	}

	/** A question as written; {@code required} defaults to true. */
	public record QuestionInput(QuestionKind kind, String text, List<String> options, Boolean required) {
	}

	/** Whom to ask: the period of resolution, and a percentage or a number of them; {@code days} to answer. */
	public record SendInput(LocalDate from, LocalDate to, Integer percent, Integer count, Integer days, Integer version) {
	}

	/** A survey's results: the response rate in per cent (one decimal) and each question's figures. */
	public record Results(long surveyId, String title, String state, int invited, int answered, double responseRate,
			List<QuestionResult> questions) {
	}

	/**
	 * One question's answers: {@code distribution} of ratings 1–5 and their {@code average}
	 * (RATING), {@code choices} counted per option (CHOICE), the latest {@code texts} (TEXT).
	 */
	public record QuestionResult(long questionId, QuestionKind kind, String text, int answers, Double average,
			List<Long> distribution, Map<String, Long> choices, List<String> texts) {
	}

	/** What the public answer page shows. */
	public record PublicSurvey(String title, String description, String state, Instant expiresAt, List<Question> questions) {
	}

	/** An answer to one question: {@code rating}, {@code choice} or {@code text} by the question's kind. */
	public record Answer(Long questionId, Integer rating, String choice, String text) {
	}

}
