package io.opsguard.servicedesk.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.opsguard.servicedesk.TicketAction;
import io.opsguard.servicedesk.TicketState;
import io.opsguard.servicelevel.TicketType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ticket lifecycle against what it promises, for every ticket type: no sequence of actions
 * reaches a state the type does not declare; the actions offered are exactly those that lead
 * somewhere; work is dispatched before it starts; every state can still end closed.
 */
class LifecyclePropertyTests {

	@Provide
	Arbitrary<List<TicketAction>> actions() {
		return Arbitraries.of(TicketAction.class).list().ofMinSize(1).ofMaxSize(60);
	}

	@Property(tries = 2000)
	void noSequenceOfActionsReachesAnUndeclaredState(@ForAll TicketType type, @ForAll("actions") List<TicketAction> actions) {
		Set<TicketState> declared = Lifecycle.states(type);
		TicketState state = TicketState.REPORTED;
		boolean dispatched = false;
		for (TicketAction action : actions) {
			Optional<TicketState> next = Lifecycle.next(type, state, action);
			assertThat(next.isPresent()).as("%s offered in %s", action, state)
				.isEqualTo(Lifecycle.allowed(type, state).contains(action));
			if (next.isEmpty()) {
				continue;
			}
			state = next.get();
			assertThat(declared).contains(state);
			dispatched |= state == TicketState.DISPATCHED;
			if (state == TicketState.IN_PROGRESS) {
				assertThat(dispatched).as("%s work starts only after it was dispatched", type).isTrue();
			}
			if (type == TicketType.COMPLAINT) {
				assertThat(state).isNotIn(TicketState.SUSPENDED, TicketState.SECOND_LINE);
			}
		}
	}

	@Example
	void everyDeclaredStateCanStillEndClosed() {
		for (TicketType type : TicketType.values()) {
			for (TicketState state : Lifecycle.states(type)) {
				assertThat(reachable(type, state)).as("%s from %s", type, state).contains(TicketState.CLOSED);
			}
		}
	}

	@Example
	void complaintsAreEscalatedBeforeTheyAreDispatched() {
		assertThat(Lifecycle.allowed(TicketType.COMPLAINT, TicketState.RESPONDED)).containsExactly(TicketAction.ESCALATE);
		assertThat(Lifecycle.next(TicketType.COMPLAINT, TicketState.ESCALATED, TicketAction.DISPATCH))
			.contains(TicketState.DISPATCHED);
		assertThat(Lifecycle.states(TicketType.COMPLAINT)).doesNotContain(TicketState.SUSPENDED);
	}

	@Example
	void aClosedTicketOffersOnlyReopening() {
		for (TicketType type : TicketType.values()) {
			assertThat(Lifecycle.allowed(type, TicketState.CLOSED)).containsExactly(TicketAction.REOPEN);
			assertThat(Lifecycle.next(type, TicketState.CLOSED, TicketAction.RESOLVE)).isEmpty();
		}
	}

	@Example
	void verbsNameTheActionsInUrls() {
		for (TicketAction action : TicketAction.values()) {
			assertThat(TicketAction.ofVerb(action.verb())).contains(action);
		}
		assertThat(TicketAction.HAND_BACK.verb()).isEqualTo("hand-back");
		assertThat(TicketAction.ofVerb("HAND_BACK")).isEmpty();
		assertThat(TicketAction.ofVerb(null)).isEmpty();
	}

	private static Set<TicketState> reachable(TicketType type, TicketState from) {
		Set<TicketState> seen = EnumSet.of(from);
		Deque<TicketState> todo = new ArrayDeque<>(List.of(from));
		while (!todo.isEmpty()) {
			TicketState state = todo.pop();
			for (TicketAction action : Lifecycle.allowed(type, state)) {
				TicketState next = Lifecycle.next(type, state, action).orElseThrow();
				if (seen.add(next)) {
					todo.push(next);
				}
			}
		}
		return seen;
	}

}
