package io.opsguard.servicedesk.internal;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.opsguard.servicedesk.TicketAction;
import io.opsguard.servicedesk.TicketState;
import io.opsguard.servicelevel.TicketType;

import static io.opsguard.servicedesk.TicketAction.ACCEPT;
import static io.opsguard.servicedesk.TicketAction.CLOSE;
import static io.opsguard.servicedesk.TicketAction.DISPATCH;
import static io.opsguard.servicedesk.TicketAction.ESCALATE;
import static io.opsguard.servicedesk.TicketAction.FEEDBACK;
import static io.opsguard.servicedesk.TicketAction.HAND_BACK;
import static io.opsguard.servicedesk.TicketAction.PAUSE;
import static io.opsguard.servicedesk.TicketAction.RATE;
import static io.opsguard.servicedesk.TicketAction.REOPEN;
import static io.opsguard.servicedesk.TicketAction.RESOLVE;
import static io.opsguard.servicedesk.TicketAction.RESPOND;
import static io.opsguard.servicedesk.TicketAction.RESUME;
import static io.opsguard.servicedesk.TicketAction.START;
import static io.opsguard.servicedesk.TicketState.ACCEPTED;
import static io.opsguard.servicedesk.TicketState.CLOSED;
import static io.opsguard.servicedesk.TicketState.DISPATCHED;
import static io.opsguard.servicedesk.TicketState.ESCALATED;
import static io.opsguard.servicedesk.TicketState.FEEDBACK_GIVEN;
import static io.opsguard.servicedesk.TicketState.IN_PROGRESS;
import static io.opsguard.servicedesk.TicketState.RATED;
import static io.opsguard.servicedesk.TicketState.REPORTED;
import static io.opsguard.servicedesk.TicketState.RESOLVED;
import static io.opsguard.servicedesk.TicketState.RESPONDED;
import static io.opsguard.servicedesk.TicketState.SECOND_LINE;
import static io.opsguard.servicedesk.TicketState.SUSPENDED;

/**
 * The one place where the allowed transitions of tickets live (R-DSK-03). Incidents, service
 * requests and requirements go 受理 → 响应 → 分派 → 处理中 ⇄ 挂起 → 已解决 → 已反馈 → 已评价 → 已关闭,
 * with two-line support (处理中 → 二线 → 处理中) and reassignment (分派 again) on the way;
 * consultations may be answered right after the response; complaints go 受理 → 响应 → 升级 → 分派 →
 * 处理 → 已解决 → 反馈 → 关闭 and are never suspended. Whatever is done, the next state is one the
 * type declares ({@code LifecyclePropertyTests}). Guards that depend on more than the state (reopen
 * within N days, a rating only by the requester) are the service's.
 */
public final class Lifecycle {

	private static final Map<TicketType, Map<TicketState, Map<TicketAction, TicketState>>> TRANSITIONS = new EnumMap<>(
			TicketType.class);

	static {
		for (TicketType type : TicketType.values()) {
			Map<TicketState, Map<TicketAction, TicketState>> table = new EnumMap<>(TicketState.class);
			if (type == TicketType.COMPLAINT) {
				on(table, REPORTED, ACCEPT, ACCEPTED);
				on(table, ACCEPTED, RESPOND, RESPONDED);
				on(table, RESPONDED, ESCALATE, ESCALATED);
				on(table, ESCALATED, DISPATCH, DISPATCHED);
				on(table, DISPATCHED, DISPATCH, DISPATCHED);
				on(table, DISPATCHED, START, IN_PROGRESS);
				on(table, IN_PROGRESS, DISPATCH, DISPATCHED);
				on(table, IN_PROGRESS, RESOLVE, RESOLVED);
			}
			else {
				on(table, REPORTED, ACCEPT, ACCEPTED);
				on(table, ACCEPTED, RESPOND, RESPONDED);
				on(table, RESPONDED, DISPATCH, DISPATCHED);
				if (type == TicketType.CONSULTATION) {
					on(table, RESPONDED, RESOLVE, RESOLVED);
				}
				on(table, DISPATCHED, DISPATCH, DISPATCHED);
				on(table, DISPATCHED, START, IN_PROGRESS);
				on(table, IN_PROGRESS, DISPATCH, DISPATCHED);
				on(table, IN_PROGRESS, PAUSE, SUSPENDED);
				on(table, SUSPENDED, RESUME, IN_PROGRESS);
				on(table, IN_PROGRESS, ESCALATE, SECOND_LINE);
				on(table, SECOND_LINE, HAND_BACK, IN_PROGRESS);
				on(table, SECOND_LINE, RESOLVE, RESOLVED);
				on(table, IN_PROGRESS, RESOLVE, RESOLVED);
			}
			on(table, RESOLVED, FEEDBACK, FEEDBACK_GIVEN);
			on(table, RESOLVED, RATE, RATED);
			on(table, FEEDBACK_GIVEN, RATE, RATED);
			on(table, FEEDBACK_GIVEN, CLOSE, CLOSED);
			on(table, RATED, CLOSE, CLOSED);
			// a reopened ticket goes back to whoever resolved it; a consultation answered at once goes
			// back to the desk
			for (TicketState done : List.of(RESOLVED, FEEDBACK_GIVEN, RATED, CLOSED)) {
				on(table, done, REOPEN, type == TicketType.CONSULTATION ? RESPONDED : IN_PROGRESS);
			}
			TRANSITIONS.put(type, freeze(table));
		}
	}

	private Lifecycle() {
	}

	/** The state {@code action} leads to from {@code state}, or empty when it is not allowed there. */
	public static Optional<TicketState> next(TicketType type, TicketState state, TicketAction action) {
		return Optional.ofNullable(TRANSITIONS.get(type).getOrDefault(state, Map.of()).get(action));
	}

	/** The actions allowed in a state, in the order people take them. */
	public static Set<TicketAction> allowed(TicketType type, TicketState state) {
		Set<TicketAction> actions = EnumSet.noneOf(TicketAction.class);
		actions.addAll(TRANSITIONS.get(type).getOrDefault(state, Map.of()).keySet());
		return Collections.unmodifiableSet(actions);
	}

	/** The states a ticket of the type can be in (the first one is where every ticket starts). */
	public static Set<TicketState> states(TicketType type) {
		Set<TicketState> states = EnumSet.of(REPORTED);
		TRANSITIONS.get(type).forEach((from, to) -> {
			states.add(from);
			states.addAll(to.values());
		});
		return Collections.unmodifiableSet(states);
	}

	private static void on(Map<TicketState, Map<TicketAction, TicketState>> table, TicketState from, TicketAction action,
			TicketState to) {
		table.computeIfAbsent(from, f -> new LinkedHashMap<>()).put(action, to);
	}

	private static Map<TicketState, Map<TicketAction, TicketState>> freeze(
			Map<TicketState, Map<TicketAction, TicketState>> table) {
		Map<TicketState, Map<TicketAction, TicketState>> frozen = new EnumMap<>(TicketState.class);
		table.forEach((state, actions) -> frozen.put(state, Collections.unmodifiableMap(new EnumMap<>(actions))));
		return Collections.unmodifiableMap(frozen);
	}

}
