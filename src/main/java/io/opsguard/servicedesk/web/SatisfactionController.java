package io.opsguard.servicedesk.web;

import java.time.LocalDate;

import io.opsguard.identity.CurrentUsers;
import io.opsguard.servicedesk.internal.PublicRequestLimit;
import io.opsguard.servicedesk.internal.Satisfaction;
import io.opsguard.servicedesk.internal.Satisfaction.InvitationView;
import io.opsguard.servicedesk.internal.SatisfactionStatistics;
import io.opsguard.servicedesk.internal.SatisfactionStatistics.GroupBy;
import io.opsguard.servicedesk.internal.SatisfactionStatistics.Statistics;
import io.opsguard.shared.ErrorResponses;
import io.opsguard.shared.PublicEndpoint;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Satisfaction (满意度, R-DSK-11): the public page behind an invitation's link, where the requester
 * rates a resolved ticket without signing in (ADR 0013), and the figures of the ratings.
 */
@RestController
@RequestMapping("/api/v1/satisfaction")
@Tag(name = "satisfaction",
		description = "Ratings of resolved tickets: the public one-use invitation links and the statistics. The client's OA "
				+ "system rates a ticket with an API token through `POST /api/v1/tickets/{id}/actions/rate`.")
class SatisfactionController {

	private final Satisfaction satisfaction;

	private final SatisfactionStatistics statistics;

	private final PublicRequestLimit limit;

	SatisfactionController(Satisfaction satisfaction, SatisfactionStatistics statistics, PublicRequestLimit limit) {
		this.satisfaction = satisfaction;
		this.statistics = statistics;
		this.limit = limit;
	}

	@GetMapping("/invitations/{token}")
	@PublicEndpoint
	@Operation(summary = "Read an invitation to rate",
			description = "The ticket's number, title and how it was resolved, the invitation's `state` (PENDING, ANSWERED, "
					+ "EXPIRED, CANCELLED) and until when it can be answered. No sign-in: the token is the credential. "
					+ "Requests per client address are limited (429).")
	@ErrorResponses({ "SD-0300", "SD-0304" })
	InvitationView invitation(@PathVariable String token, HttpServletRequest request) {
		this.limit.check(request.getRemoteAddr());
		return this.satisfaction.byToken(token);
	}

	@PostMapping("/invitations/{token}")
	@PublicEndpoint
	@Operation(summary = "Rate through an invitation",
			description = "A rating 1–5 and an optional comment (up to 1,000 characters); once per invitation, before it "
					+ "expires, while the ticket is resolved or feedback was given. No sign-in.")
	@ErrorResponses(value = { "SD-0015", "SD-0018", "SD-0300", "SD-0301", "SD-0302", "SD-0303", "SD-0304" })
	ResponseEntity<Void> rate(@PathVariable String token, @RequestBody PortalController.RatingInput input,
			HttpServletRequest request) {
		this.limit.check(request.getRemoteAddr());
		this.satisfaction.rateByToken(token, input.rating(), input.comment());
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/statistics")
	@PreAuthorize("hasAuthority('servicedesk:ticket:read')")
	@Operation(summary = "Satisfaction statistics",
			description = "Ratings of the tickets resolved from `from` to `to` (days, default the last 30; at most two years) "
					+ "within the caller's data scope: count, average, distribution 1–5, rows per `groupBy` (GROUP, ENGINEER, "
					+ "SYSTEM, ORGANISATION, MONTH), the monthly trend, and the invitations sent in the period (answered, "
					+ "expired, pending, cancelled, response rate).")
	@ErrorResponses({ "SD-0321" })
	Statistics statistics(@RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
			@RequestParam(required = false) GroupBy groupBy) {
		return this.statistics.of(CurrentUsers.require(), from, to, groupBy);
	}

}
