package io.opsguard.servicedesk.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.opsguard.servicedesk.internal.VendorCases.Action;
import io.opsguard.servicedesk.internal.VendorCases.State;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The steps of a vendor case (R-DSK-09) against what they promise: no sequence of steps leaves the
 * declared states; the steps offered are exactly those that lead somewhere; nothing is verified
 * that was not handed over, fixed and confirmed first; a finished case stays finished; every open
 * case can still end verified or withdrawn.
 */
class VendorCaseStepsPropertyTests {

	@Provide
	Arbitrary<List<Action>> steps() {
		return Arbitraries.of(Action.class).list().ofMinSize(1).ofMaxSize(40);
	}

	@Property(tries = 2000)
	void noSequenceOfStepsLeavesTheDeclaredStates(@ForAll("steps") List<Action> steps) {
		State state = State.DRAFTED;
		boolean confirmed = false;
		boolean handedOver = false;
		for (Action action : steps) {
			Optional<State> next = VendorCases.next(state, action);
			assertThat(next.isPresent()).as("%s offered in %s", action, state).isEqualTo(VendorCases.allowed(state).contains(action));
			if (state.done()) {
				assertThat(next).as("%s is final", state).isEmpty();
			}
			if (next.isEmpty()) {
				continue;
			}
			State from = state;
			state = next.get();
			assertThat(EnumSet.allOf(State.class)).contains(state);
			confirmed |= state == State.CONFIRMED;
			handedOver |= state == State.HANDED_OVER;
			if (state == State.HANDED_OVER) {
				assertThat(confirmed).as("handed over only once the client's lead confirmed it").isTrue();
			}
			if (state == State.FIXED) {
				assertThat(from).isEqualTo(State.HANDED_OVER);
			}
			if (state == State.VERIFIED) {
				assertThat(handedOver).isTrue();
				assertThat(from).as("a fix is verified only once the vendor reported it").isEqualTo(State.FIXED);
			}
		}
	}

	@Example
	void everyOpenCaseCanStillEndVerifiedOrWithdrawn() {
		for (State state : State.values()) {
			if (state.done()) {
				assertThat(VendorCases.allowed(state)).as("%s", state).isEmpty();
				continue;
			}
			Set<State> reachable = reachable(state);
			assertThat(reachable).as("from %s", state).contains(State.WITHDRAWN);
			assertThat(reachable).as("from %s", state).contains(State.VERIFIED);
		}
	}

	@Example
	void aRejectedFixGoesBackToTheVendor() {
		assertThat(VendorCases.next(State.FIXED, Action.REJECT_FIX)).contains(State.HANDED_OVER);
		assertThat(VendorCases.allowed(State.DRAFTED)).containsExactly(Action.CONFIRM, Action.WITHDRAW);
		assertThat(VendorCases.allowed(State.FIXED)).containsExactly(Action.VERIFY, Action.REJECT_FIX, Action.WITHDRAW);
	}

	@Example
	void verbsNameTheStepsInUrls() {
		for (Action action : Action.values()) {
			assertThat(Action.ofVerb(action.verb())).contains(action);
		}
		assertThat(Action.HAND_OVER.verb()).isEqualTo("hand-over");
		assertThat(Action.REJECT_FIX.verb()).isEqualTo("reject-fix");
		assertThat(Action.ofVerb("HAND_OVER")).isEmpty();
		assertThat(Action.ofVerb(null)).isEmpty();
	}

	private static Set<State> reachable(State from) {
		Set<State> seen = EnumSet.of(from);
		Deque<State> todo = new ArrayDeque<>(List.of(from));
		while (!todo.isEmpty()) {
			State state = todo.pop();
			for (Action action : VendorCases.allowed(state)) {
				State next = VendorCases.next(state, action).orElseThrow();
				if (seen.add(next)) {
					todo.push(next);
				}
			}
		}
		return seen;
	}

}
