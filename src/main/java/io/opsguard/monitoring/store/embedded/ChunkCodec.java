package io.opsguard.monitoring.store.embedded;

/**
 * The Gorilla scheme (Pelkonen et al., VLDB 2015) for a chunk of one series' samples: timestamps
 * as delta-of-delta in variable-width buckets, values as XOR with the previous value (leading and
 * trailing zeros elided). Values that are decimals of at most {@value #MAX_SCALE} places (what
 * collectors report: 23.47 %, 1 204 processes) are also tried as scaled integers with deltas or
 * deltas of deltas; the chunk keeps whichever encoding is shortest. Arithmetic wraps, so any
 * sequence round-trips exactly: negative deltas, equal values, ±0.0, NaN payloads, subnormals,
 * gaps of the whole {@code long} range.
 * <p>
 * Layout: count (32 bits); if not empty: first timestamp (64), first delta and then
 * delta-of-deltas (zig-zag, {@link #TIME_WIDTHS}); value mode (2 bits) and, for decimals, the scale
 * (4 bits); the values.
 */
final class ChunkCodec {

	static final int MAX_SCALE = 9;

	/** Bucket widths for timestamp deltas of deltas: '0' for none, then 10+7 bits, 110+9 … */
	private static final int[] TIME_WIDTHS = { 7, 9, 12, 20, 32, 64 };

	/** Bucket widths for scaled decimal deltas. */
	private static final int[] VALUE_WIDTHS = { 4, 8, 12, 16, 24, 32, 64 };

	private static final int XOR = 0;

	private static final int DECIMAL_DELTA = 1;

	private static final int DECIMAL_DELTA_OF_DELTA = 2;

	private static final double[] POW10 = { 1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9 };

	private static final double TWO_53 = 9007199254740992.0;

	private ChunkCodec() {
	}

	static byte[] encode(long[] timestamps, double[] values, int count) {
		BitOutput out = new BitOutput(count * 2 + 16);
		out.writeBits(count, 32);
		if (count == 0) {
			return out.toByteArray();
		}
		out.writeBits(timestamps[0], 64);
		long previousDelta = 0;
		for (int i = 1; i < count; i++) {
			long delta = timestamps[i] - timestamps[i - 1];
			writeZigZag(out, delta - previousDelta, TIME_WIDTHS);
			previousDelta = delta;
		}
		BitOutput best = xor(values, count);
		int mode = XOR;
		int scale = decimalScale(values, count);
		if (scale >= 0) {
			for (int candidate : new int[] { DECIMAL_DELTA, DECIMAL_DELTA_OF_DELTA }) {
				BitOutput decimal = decimal(values, count, scale, candidate == DECIMAL_DELTA_OF_DELTA);
				if (decimal.bitLength() + 4 < best.bitLength()) {
					best = decimal;
					mode = candidate;
				}
			}
		}
		out.writeBits(mode, 2);
		if (mode != XOR) {
			out.writeBits(scale, 4);
		}
		out.append(best);
		return out.toByteArray();
	}

	/** The samples of a chunk, into new arrays. */
	static Decoded decode(byte[] bytes, int offset, int length) {
		BitInput in = new BitInput(bytes, offset, length);
		int count = (int) in.readBits(32);
		if (count < 0 || count > length * 8) {
			throw new IllegalStateException("Corrupt chunk: " + count + " samples in " + length + " bytes");
		}
		long[] timestamps = new long[count];
		double[] values = new double[count];
		if (count == 0) {
			return new Decoded(timestamps, values);
		}
		timestamps[0] = in.readBits(64);
		long delta = 0;
		for (int i = 1; i < count; i++) {
			delta += readZigZag(in, TIME_WIDTHS);
			timestamps[i] = timestamps[i - 1] + delta;
		}
		int mode = (int) in.readBits(2);
		if (mode == XOR) {
			readXor(in, values, count);
		}
		else if (mode == DECIMAL_DELTA || mode == DECIMAL_DELTA_OF_DELTA) {
			int scale = (int) in.readBits(4);
			if (scale > MAX_SCALE) {
				throw new IllegalStateException("Corrupt chunk: decimal scale " + scale);
			}
			readDecimal(in, values, count, POW10[scale], mode == DECIMAL_DELTA_OF_DELTA);
		}
		else {
			throw new IllegalStateException("Corrupt chunk: value mode " + mode);
		}
		return new Decoded(timestamps, values);
	}

	static Decoded decode(byte[] bytes) {
		return decode(bytes, 0, bytes.length);
	}

	/** Decoded samples of a chunk. */
	record Decoded(long[] timestamps, double[] values) {

		int size() {
			return this.timestamps.length;
		}

	}

	private static BitOutput xor(double[] values, int count) {
		BitOutput out = new BitOutput(count * 4);
		long previous = Double.doubleToRawLongBits(values[0]);
		out.writeBits(previous, 64);
		int previousLeading = -1;
		int previousTrailing = 0;
		for (int i = 1; i < count; i++) {
			long bits = Double.doubleToRawLongBits(values[i]);
			long xor = bits ^ previous;
			previous = bits;
			if (xor == 0) {
				out.writeBits(0, 1);
				continue;
			}
			int leading = Long.numberOfLeadingZeros(xor);
			int trailing = Long.numberOfTrailingZeros(xor);
			if (previousLeading >= 0 && leading >= previousLeading && trailing >= previousTrailing) {
				out.writeBits(0b10, 2);
				int meaningful = 64 - previousLeading - previousTrailing;
				out.writeBits(xor >>> previousTrailing, meaningful);
			}
			else {
				int meaningful = 64 - leading - trailing;
				out.writeBits(0b11, 2);
				out.writeBits(leading, 6);
				out.writeBits(meaningful - 1, 6);
				out.writeBits(xor >>> trailing, meaningful);
				previousLeading = leading;
				previousTrailing = trailing;
			}
		}
		return out;
	}

	private static void readXor(BitInput in, double[] values, int count) {
		long previous = in.readBits(64);
		values[0] = Double.longBitsToDouble(previous);
		int leading = 0;
		int trailing = 0;
		for (int i = 1; i < count; i++) {
			if (in.readBit()) {
				if (in.readBit()) {
					leading = (int) in.readBits(6);
					int meaningful = (int) in.readBits(6) + 1;
					trailing = 64 - leading - meaningful;
					if (trailing < 0) {
						throw new IllegalStateException("Corrupt chunk: XOR window");
					}
				}
				int meaningful = 64 - leading - trailing;
				previous ^= in.readBits(meaningful) << trailing;
			}
			values[i] = Double.longBitsToDouble(previous);
		}
	}

	/**
	 * The fewest decimal places that represent every value exactly as {@code integer / 10^scale},
	 * or -1 when some value is not such a decimal (or is -0.0, NaN, infinite or too large).
	 */
	static int decimalScale(double[] values, int count) {
		int scale = 0;
		for (int i = 0; i < count; i++) {
			while (scale <= MAX_SCALE && !exact(values[i], scale)) {
				scale++;
			}
			if (scale > MAX_SCALE) {
				return -1;
			}
		}
		for (int i = 0; i < count; i++) {
			if (!exact(values[i], scale)) {
				return -1;
			}
		}
		return scale;
	}

	private static boolean exact(double value, int scale) {
		double scaled = value * POW10[scale];
		if (!(Math.abs(scaled) < TWO_53)) {
			return false;
		}
		long integer = Math.round(scaled);
		return Double.doubleToRawLongBits(integer / POW10[scale]) == Double.doubleToRawLongBits(value);
	}

	private static BitOutput decimal(double[] values, int count, int scale, boolean deltaOfDelta) {
		BitOutput out = new BitOutput(count * 2);
		double factor = POW10[scale];
		long previous = Math.round(values[0] * factor);
		writeZigZag(out, previous, VALUE_WIDTHS);
		long previousDelta = 0;
		for (int i = 1; i < count; i++) {
			long integer = Math.round(values[i] * factor);
			long delta = integer - previous;
			writeZigZag(out, deltaOfDelta ? delta - previousDelta : delta, VALUE_WIDTHS);
			previousDelta = delta;
			previous = integer;
		}
		return out;
	}

	private static void readDecimal(BitInput in, double[] values, int count, double factor, boolean deltaOfDelta) {
		long previous = readZigZag(in, VALUE_WIDTHS);
		values[0] = previous / factor;
		long delta = 0;
		for (int i = 1; i < count; i++) {
			long read = readZigZag(in, VALUE_WIDTHS);
			delta = deltaOfDelta ? delta + read : read;
			previous += delta;
			values[i] = previous / factor;
		}
	}

	private static void writeZigZag(BitOutput out, long value, int[] widths) {
		long zigzag = (value << 1) ^ (value >> 63);
		if (zigzag == 0) {
			out.writeBits(0, 1);
			return;
		}
		int last = widths.length - 1;
		for (int bucket = 0; bucket < last; bucket++) {
			if (Long.compareUnsigned(zigzag, 1L << widths[bucket]) < 0) {
				// bucket + 1 ones and a zero
				out.writeBits(((1L << (bucket + 1)) - 1) << 1, bucket + 2);
				out.writeBits(zigzag, widths[bucket]);
				return;
			}
		}
		out.writeBits((1L << widths.length) - 1, widths.length);
		out.writeBits(zigzag, widths[last]);
	}

	private static long readZigZag(BitInput in, int[] widths) {
		int ones = 0;
		while (ones < widths.length && in.readBit()) {
			ones++;
		}
		if (ones == 0) {
			return 0;
		}
		long zigzag = in.readBits(widths[ones - 1]);
		return (zigzag >>> 1) ^ -(zigzag & 1);
	}

}
