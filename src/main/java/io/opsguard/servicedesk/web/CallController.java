package io.opsguard.servicedesk.web;

import java.util.Map;

import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.CurrentUsers;
import io.opsguard.identity.Users;
import io.opsguard.notify.LivePush;
import io.opsguard.servicedesk.internal.Callers;
import io.opsguard.servicedesk.internal.Callers.Caller;
import io.opsguard.servicedesk.internal.ServiceDeskError;
import io.opsguard.shared.ErrorResponses;
import io.opsguard.shared.OpsGuardException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The hotline (R-DSK-01): who is calling, for the agent's quick-create form, and the call-centre
 * hook that pops the caller's card on the agent's screen when the phone rings.
 */
@RestController
@Tag(name = "calls", description = "Caller lookup and the call-centre (CTI) hook.")
class CallController {

	/** The SSE event the agent's browser receives. */
	static final String CALLER_CARD = "caller-card";

	private final Callers callers;

	private final Users users;

	private final LivePush push;

	CallController(Callers callers, Users users, LivePush push) {
		this.callers = callers;
		this.users = users;
		this.push = push;
	}

	@GetMapping("/api/v1/callers")
	@PreAuthorize("hasAuthority('servicedesk:ticket:create')")
	@Operation(summary = "Who is calling",
			description = "The users with this phone number, the name and unit the caller gave last time, and the "
					+ "caller's five most recent tickets, in the caller's scope.")
	@ErrorResponses({ "SD-0052" })
	Caller lookup(@RequestParam(required = false) String phone) {
		return this.callers.lookup(CurrentUsers.require(), phone);
	}

	@PostMapping("/api/v1/calls/incoming")
	@PreAuthorize("hasAuthority('servicedesk:call:notify')")
	@Operation(summary = "A call is ringing",
			description = "For the site's CTI system (bearer token of an account with servicedesk:call:notify): "
					+ "`phone` is the caller's number, `agent` the username of the agent whose phone rings. The "
					+ "caller's card (as `GET /api/v1/callers`) is pushed to the agent's open OpsGuard windows as the "
					+ "server-sent event `caller-card`; `delivered` tells how many windows received it (0 when none "
					+ "is open). Answers 202.")
	@ErrorResponses({ "SD-0052", "SD-0053" })
	ResponseEntity<Map<String, Object>> incoming(@RequestBody IncomingCall call) {
		CurrentUser cti = CurrentUsers.require();
		String agentName = call == null || call.agent() == null ? "" : call.agent().strip();
		Users.UserSummary agent = this.users.findByUsername(agentName)
			.filter(Users.UserSummary::enabled)
			.filter(u -> cti.scope().includes(u.organisationId()))
			.orElseThrow(() -> OpsGuardException.onField("agent", ServiceDeskError.UNKNOWN_AGENT, agentName));
		Caller caller = this.callers.lookup(cti, call.phone());
		int delivered = this.push.push(agent.id(), CALLER_CARD, caller);
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("delivered", delivered, "caller", caller));
	}

	/** A call from the CTI system. */
	record IncomingCall(String phone, String agent) {
	}

}
