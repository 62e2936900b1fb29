package io.opsguard.servicedesk.web;

import java.util.List;
import java.util.Map;

import io.opsguard.identity.CurrentUsers;
import io.opsguard.servicedesk.internal.PublicRequestLimit;
import io.opsguard.servicedesk.internal.Surveys;
import io.opsguard.servicedesk.internal.Surveys.Answer;
import io.opsguard.servicedesk.internal.Surveys.PublicSurvey;
import io.opsguard.servicedesk.internal.Surveys.Results;
import io.opsguard.servicedesk.internal.Surveys.SendInput;
import io.opsguard.servicedesk.internal.Surveys.Survey;
import io.opsguard.servicedesk.internal.Surveys.SurveyInput;
import io.opsguard.shared.ErrorResponses;
import io.opsguard.shared.PageQuery;
import io.opsguard.shared.PageResult;
import io.opsguard.shared.PublicEndpoint;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Satisfaction surveys (满意度调查, R-DSK-11): defined, sent to a random sample of requesters, closed,
 * their results; and the public answer page behind each invitation's token (ADR 0013).
 */
@RestController
@Tag(name = "surveys", description = "Satisfaction surveys: 1–10 questions (rating 1–5, single choice, free text) sent "
		+ "to a random sample of the requesters of tickets resolved in a period, answered through one-use links.")
class SurveyController {

	private static final Map<String, String> SORTABLE = Map.of("createdAt", "s.created_at", "title", "s.title");

	private final Surveys surveys;

	private final PublicRequestLimit limit;

	SurveyController(Surveys surveys, PublicRequestLimit limit) {
		this.surveys = surveys;
		this.limit = limit;
	}

	@GetMapping("/api/v1/surveys")
	@PreAuthorize("hasAuthority('servicedesk:survey:manage')")
	@Operation(summary = "List surveys",
			description = "One page of the surveys of the caller's scope, newest first (or sorted by createdAt, title); "
					+ "`state` DRAFT, SENT or CLOSED.")
	PageResult<Survey> list(@RequestParam(required = false) SurveyState state, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size, @RequestParam(required = false) String sort) {
		PageQuery paging = PageQuery.of(page, size, sort, SORTABLE,
				sort == null || sort.isBlank() ? "s.created_at desc, s.id desc" : "s.id desc");
		return this.surveys.list(CurrentUsers.require(), state == null ? null : state.name(), paging);
	}

	@GetMapping("/api/v1/surveys/{id}")
	@PreAuthorize("hasAuthority('servicedesk:survey:manage')")
	@Operation(summary = "Read a survey", description = "A survey with its questions, state and how many answered.")
	@ErrorResponses({ "SD-0315" })
	Survey get(@PathVariable long id) {
		return this.surveys.get(CurrentUsers.require(), id);
	}

	@PostMapping("/api/v1/surveys")
	@PreAuthorize("hasAuthority('servicedesk:survey:manage')")
	@Operation(summary = "Define a survey",
			description = "A title, an optional description, the organisation whose requesters it asks (default the "
					+ "caller's) and 1–10 questions: `kind` RATING (1–5), CHOICE (2–10 `options`) or TEXT, `text`, "
					+ "`required` (default true). Starts as a draft.")
	@ErrorResponses(value = { "SD-0018", "SD-0027", "SD-0318", "SD-0319", "SD-0329" })
	ResponseEntity<Survey> create(@RequestBody SurveyInput input) {
		return ResponseEntity.status(HttpStatus.CREATED).body(this.surveys.create(CurrentUsers.require(), input));
	}

	@PutMapping("/api/v1/surveys/{id}")
	@PreAuthorize("hasAuthority('servicedesk:survey:manage')")
	@Operation(summary = "Change a draft survey", description = "Everything a survey is made of, with the `version` read.")
	@ErrorResponses(value = { "SD-0018", "SD-0021", "SD-0027", "SD-0315", "SD-0316", "SD-0318", "SD-0319", "SD-0328",
			"SD-0329" })
	Survey update(@PathVariable long id, @RequestBody SurveyInput input) {
		return this.surveys.update(CurrentUsers.require(), id, input);
	}

	@DeleteMapping("/api/v1/surveys/{id}")
	@PreAuthorize("hasAuthority('servicedesk:survey:manage')")
	@Operation(summary = "Delete a draft survey", description = "A survey already sent is closed instead.")
	@ErrorResponses(value = { "SD-0315", "SD-0316" })
	ResponseEntity<Void> delete(@PathVariable long id) {
		this.surveys.delete(CurrentUsers.require(), id);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/v1/surveys/{id}/send")
	@PreAuthorize("hasAuthority('servicedesk:survey:manage')")
	@Operation(summary = "Send a survey to a sample",
			description = "Chooses at random `percent` (1–100, rounded up) or `count` of the requesters whose tickets of the "
					+ "survey's organisation subtree were resolved from `from` to `to`, and invites each with a one-use link "
					+ "valid `days` (default 14). With the `version` read.")
	@ErrorResponses(value = { "SD-0021", "SD-0315", "SD-0316", "SD-0320", "SD-0321", "SD-0322", "SD-0328" })
	Survey send(@PathVariable long id, @RequestBody SendInput input) {
		return this.surveys.send(CurrentUsers.require(), id, input);
	}

	@PostMapping("/api/v1/surveys/{id}/close")
	@PreAuthorize("hasAuthority('servicedesk:survey:manage')")
	@Operation(summary = "Close a survey", description = "No more answers; the invitations not answered expire.")
	@ErrorResponses(value = { "SD-0315", "SD-0317" })
	Survey close(@PathVariable long id) {
		return this.surveys.close(CurrentUsers.require(), id);
	}

	@GetMapping("/api/v1/surveys/{id}/results")
	@PreAuthorize("hasAuthority('servicedesk:survey:manage')")
	@Operation(summary = "A survey's results",
			description = "Invited, answered and the response rate; per question the number of answers, the ratings' "
					+ "distribution and average, the choices counted, the latest texts.")
	@ErrorResponses({ "SD-0315" })
	Results results(@PathVariable long id) {
		return this.surveys.results(CurrentUsers.require(), id);
	}

	@GetMapping("/api/v1/survey-invitations/{token}")
	@PublicEndpoint
	@Operation(summary = "Read a survey to answer",
			description = "The survey's title, description and questions, and the invitation's `state` (PENDING, ANSWERED, "
					+ "EXPIRED). No sign-in: the token is the credential. Requests per client address are limited (429).")
	@ErrorResponses({ "SD-0304", "SD-0323" })
	PublicSurvey invitation(@PathVariable String token, HttpServletRequest request) {
		this.limit.check(request.getRemoteAddr());
		return this.surveys.byToken(token);
	}

	@PostMapping("/api/v1/survey-invitations/{token}")
	@PublicEndpoint
	@Operation(summary = "Answer a survey",
			description = "`answers`: per question its `questionId` and a `rating` (1–5), a `choice` (one of the options) or "
					+ "a `text` (up to 2,000 characters); required questions must be answered. Once, before the invitation "
					+ "expires or the survey is closed. No sign-in.")
	@ErrorResponses(value = { "SD-0304", "SD-0323", "SD-0324", "SD-0325", "SD-0326", "SD-0327" })
	ResponseEntity<Void> answer(@PathVariable String token, @RequestBody AnswerInput input, HttpServletRequest request) {
		this.limit.check(request.getRemoteAddr());
		this.surveys.answer(token, input.answers());
		return ResponseEntity.noContent().build();
	}

	/** The answers to a survey. */
	record AnswerInput(List<Answer> answers) {
	}

	/** Where a survey stands. */
	enum SurveyState {

		DRAFT, SENT, CLOSED

	}

}
