package io.opsguard.monitoring.schedule;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A hashed timing wheel: tasks fall into the slot of their due tick and are handed out when the
 * wheel passes it; tasks due more than one turn ahead stay in their slot until the wheel reaches their tick. Adding
 * and expiring are O(1) per task, so thousands of monitors cost nothing between their due times.
 * Not thread-safe by itself: the scheduler's one ticking thread and the callers that add synchronise
 * on it.
 *
 * @param <T> what is scheduled
 */
public final class TimingWheel<T> {

	private final long tickMillis;

	private final ArrayDeque<Entry<T>>[] slots;

	/** The next tick not yet handed out. */
	private long nextTick;

	private int size;

	/**
	 * A wheel starting at {@code startMillis}.
	 *
	 * @param tickMillis the resolution
	 * @param slotCount the slots of one turn
	 * @param startMillis the time of the first tick
	 */
	@SuppressWarnings("unchecked")
	public TimingWheel(long tickMillis, int slotCount, long startMillis) {
		if (tickMillis <= 0 || slotCount <= 0) {
			throw new IllegalArgumentException("A wheel needs a positive tick and slot count");
		}
		this.tickMillis = tickMillis;
		this.slots = new ArrayDeque[slotCount];
		for (int i = 0; i < slotCount; i++) {
			this.slots[i] = new ArrayDeque<>();
		}
		this.nextTick = Math.floorDiv(startMillis, tickMillis);
	}

	/** Schedules a task; one due in the past is handed out at the next {@link #advance}. */
	public void add(T task, long dueMillis) {
		long tick = Math.max(Math.floorDiv(dueMillis + this.tickMillis - 1, this.tickMillis), this.nextTick);
		this.slots[(int) Math.floorMod(tick, (long) this.slots.length)].add(new Entry<>(task, dueMillis, tick));
		this.size++;
	}

	/**
	 * Hands out, in due order, every task due at or before {@code nowMillis}. Each slot is visited
	 * at most once per call, also after a pause longer than a turn.
	 */
	public List<Due<T>> advance(long nowMillis) {
		List<Due<T>> due = new ArrayList<>();
		long lastTick = Math.floorDiv(nowMillis, this.tickMillis);
		long first = Math.max(this.nextTick, lastTick - this.slots.length + 1);
		for (long tick = first; tick <= lastTick; tick++) {
			ArrayDeque<Entry<T>> slot = this.slots[(int) Math.floorMod(tick, (long) this.slots.length)];
			Iterator<Entry<T>> entries = slot.iterator();
			while (entries.hasNext()) {
				Entry<T> entry = entries.next();
				if (entry.tick <= tick) {
					entries.remove();
					this.size--;
					due.add(new Due<>(entry.task, entry.dueMillis));
				}
			}
		}
		this.nextTick = Math.max(this.nextTick, lastTick + 1);
		due.sort(java.util.Comparator.comparingLong(Due::dueMillis));
		return due;
	}

	/** How many tasks wait. */
	public int size() {
		return this.size;
	}

	/** A task handed out, with the time it was due. */
	public record Due<T>(T task, long dueMillis) {
	}

	private record Entry<T>(T task, long dueMillis, long tick) {
	}

}
