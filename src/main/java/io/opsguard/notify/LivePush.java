package io.opsguard.notify;

/**
 * Pushes an event to the browser windows a user has open (Server-Sent Events on
 * {@code /api/v1/notifications/stream}), e.g. a caller card when the phone rings. Nothing is kept:
 * a user without an open window misses it. Reaches the windows connected to this node.
 */
public interface LivePush {

	/**
	 * Sends {@code payload} as JSON under the SSE event name {@code eventName} (letters, digits,
	 * dots and dashes) to every stream of the user; returns how many streams received it.
	 */
	int push(long userId, String eventName, Object payload);

}
