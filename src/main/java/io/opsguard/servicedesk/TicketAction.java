package io.opsguard.servicedesk;

import java.util.Locale;
import java.util.Optional;

/**
 * What people do to a ticket; in URLs as lower-case verbs ({@code hand-back}):
 * {@code POST /api/v1/tickets/{id}/actions/{action}}.
 */
public enum TicketAction {

	ACCEPT, RESPOND, DISPATCH, START, PAUSE, RESUME, ESCALATE, HAND_BACK, RESOLVE, FEEDBACK, RATE, CLOSE, REOPEN;

	/** The verb in a URL: {@code hand-back}. */
	public String verb() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/** The action named by a URL verb, if any. */
	public static Optional<TicketAction> ofVerb(String verb) {
		if (verb == null) {
			return Optional.empty();
		}
		for (TicketAction action : values()) {
			if (action.verb().equals(verb)) {
				return Optional.of(action);
			}
		}
		return Optional.empty();
	}

}
