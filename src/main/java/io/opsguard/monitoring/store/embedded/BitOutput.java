package io.opsguard.monitoring.store.embedded;

import java.util.Arrays;

/** Bits written most significant first into a growing byte array. */
final class BitOutput {

	private byte[] bytes;

	private int length;

	/** Pending bits, left-aligned. */
	private long pending;

	private int pendingBits;

	BitOutput(int capacity) {
		this.bytes = new byte[Math.max(16, capacity)];
	}

	void writeBit(boolean bit) {
		writeBits(bit ? 1 : 0, 1);
	}

	/** Writes the lowest {@code bits} (0 to 64) bits of {@code value}. */
	void writeBits(long value, int bits) {
		if (bits == 0) {
			return;
		}
		if (bits < 64) {
			value &= (1L << bits) - 1;
		}
		int free = 64 - this.pendingBits;
		if (bits < free) {
			this.pending |= value << (free - bits);
			this.pendingBits += bits;
			return;
		}
		int rest = bits - free;
		this.pending |= value >>> rest;
		flushWord(this.pending);
		this.pending = (rest == 0) ? 0 : value << (64 - rest);
		this.pendingBits = rest;
	}

	private void flushWord(long word) {
		ensure(8);
		for (int shift = 56; shift >= 0; shift -= 8) {
			this.bytes[this.length++] = (byte) (word >>> shift);
		}
	}

	private void ensure(int more) {
		if (this.length + more > this.bytes.length) {
			this.bytes = Arrays.copyOf(this.bytes, Math.max(this.bytes.length * 2, this.length + more));
		}
	}

	/** Appends everything {@code other} holds. */
	void append(BitOutput other) {
		for (int i = 0; i < other.length; i++) {
			writeBits(other.bytes[i], 8);
		}
		if (other.pendingBits > 0) {
			writeBits(other.pending >>> (64 - other.pendingBits), other.pendingBits);
		}
	}

	long bitLength() {
		return this.length * 8L + this.pendingBits;
	}

	byte[] toByteArray() {
		int tail = (this.pendingBits + 7) / 8;
		byte[] result = Arrays.copyOf(this.bytes, this.length + tail);
		for (int i = 0; i < tail; i++) {
			result[this.length + i] = (byte) (this.pending >>> (56 - 8 * i));
		}
		return result;
	}

}
