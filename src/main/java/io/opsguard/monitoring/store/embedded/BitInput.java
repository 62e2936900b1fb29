package io.opsguard.monitoring.store.embedded;

/** Reads what a {@link BitOutput} wrote, most significant bit first. */
final class BitInput {

	private final byte[] bytes;

	private int next;

	private final int end;

	private int current;

	private int available;

	BitInput(byte[] bytes) {
		this(bytes, 0, bytes.length);
	}

	BitInput(byte[] bytes, int offset, int length) {
		this.bytes = bytes;
		this.next = offset;
		this.end = offset + length;
	}

	boolean readBit() {
		if (this.available == 0) {
			refill();
		}
		this.available--;
		return ((this.current >>> this.available) & 1) != 0;
	}

	/** Reads {@code bits} (0 to 64) bits as the lowest bits of the result. */
	long readBits(int bits) {
		long result = 0;
		while (bits > 0) {
			if (this.available == 0) {
				refill();
			}
			int take = Math.min(bits, this.available);
			int part = (this.current >>> (this.available - take)) & ((1 << take) - 1);
			result = (result << take) | part;
			this.available -= take;
			bits -= take;
		}
		return result;
	}

	private void refill() {
		if (this.next >= this.end) {
			throw new IllegalStateException("Chunk ends early: corrupt or truncated data");
		}
		this.current = this.bytes[this.next++] & 0xFF;
		this.available = 8;
	}

}
