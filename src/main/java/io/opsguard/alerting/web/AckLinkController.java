package io.opsguard.alerting.web;

import io.opsguard.alerting.internal.AckLinkService;
import io.opsguard.alerting.internal.AckLinkService.LinkView;
import io.opsguard.shared.ErrorResponses;
import io.opsguard.shared.PublicEndpoint;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The one-click acknowledge links in alert messages (ADR 0022): public, the signed token is the
 * credential; the web page at {@code /ack/:token} shows the alert and one button.
 */
@RestController
@RequestMapping("/api/v1/alerts/ack-links")
@Tag(name = "alert-ack-links", description = "One-click acknowledge links in e-mail and IM alert messages: a signed token "
		+ "naming the alert and the person the message was for, valid 24 hours. Reading a link changes nothing (mail "
		+ "scanners open links); acknowledging is a POST. A robot's message carries a link without a person: the page asks "
		+ "to sign in and acknowledges through the alert API. Requests per client address are limited (429).")
class AckLinkController {

	private final AckLinkService links;

	AckLinkController(AckLinkService links) {
		this.links = links;
	}

	@GetMapping("/{token}")
	@PublicEndpoint
	@Operation(summary = "Read what an acknowledge link is about",
			description = "The alert's title, severity, state, resource and start, who acknowledged it and when, for whom "
					+ "the link is (`signInRequired` for a robot's link) and until when it works. Changes nothing. No "
					+ "sign-in.")
	@ErrorResponses({ "ALR-0065", "ALR-0066", "ALR-0068" })
	LinkView read(@PathVariable String token, HttpServletRequest request) {
		return this.links.view(token, request.getRemoteAddr());
	}

	@PostMapping("/{token}")
	@PublicEndpoint
	@Operation(summary = "Acknowledge through a link",
			description = "Acknowledges the alert as the person the message was for (their name on the alert's timeline, "
					+ "audited). An alert acknowledged or resolved before is answered as it is, `acknowledged` false. A "
					+ "robot's link (no person) is refused: sign in and acknowledge the alert. No sign-in.")
	@ErrorResponses({ "ALR-0065", "ALR-0066", "ALR-0067", "ALR-0068", "ALR-0069" })
	LinkView acknowledge(@PathVariable String token, HttpServletRequest request) {
		return this.links.acknowledge(token, request.getRemoteAddr());
	}

}
