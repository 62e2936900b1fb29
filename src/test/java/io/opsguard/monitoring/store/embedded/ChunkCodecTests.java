package io.opsguard.monitoring.store.embedded;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Example;

import static org.assertj.core.api.Assertions.assertThat;

/** The Gorilla codec round-trips any sequence of samples exactly. */
class ChunkCodecTests {

	record Samples(long[] timestamps, double[] values) {
	}

	@Property(tries = 500)
	void anySequenceRoundTrips(@ForAll("samples") Samples samples) {
		assertRoundTrip(samples.timestamps(), samples.values());
	}

	@Property(tries = 300)
	void decimalsRoundTrip(@ForAll("decimals") Samples samples) {
		assertRoundTrip(samples.timestamps(), samples.values());
	}

	@Example
	void edgeCasesRoundTrip() {
		long[] t = { Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, 1, 1, 1, Long.MAX_VALUE, Long.MIN_VALUE + 1 };
		double[] v = { 0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL / 3, Double.MAX_VALUE,
				Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY };
		assertRoundTrip(t, v);
		assertRoundTrip(new long[0], new double[0]);
		assertRoundTrip(new long[] { 42 }, new double[] { -0.0 });
	}

	@Example
	void regularDecimalsAreSmall() {
		int n = 8640;
		long[] t = new long[n];
		double[] v = new double[n];
		for (int i = 0; i < n; i++) {
			t[i] = 1_700_000_000_000L + i * 10_000L;
			v[i] = Math.round((40 + 5 * Math.sin(i / 200.0) + (i % 7) * 0.13) * 100) / 100.0;
		}
		byte[] encoded = ChunkCodec.encode(t, v, n);
		assertThat((double) encoded.length / n).isLessThan(2.0);
		// constant values at a regular interval: about two bits a sample
		double[] constant = new double[n];
		java.util.Arrays.fill(constant, 1.5e12);
		assertThat((double) ChunkCodec.encode(t, constant, n).length / n).isLessThan(0.3);
	}

	private static void assertRoundTrip(long[] t, double[] v) {
		byte[] encoded = ChunkCodec.encode(t, v, t.length);
		ChunkCodec.Decoded decoded = ChunkCodec.decode(encoded);
		assertThat(decoded.timestamps()).containsExactly(t);
		assertThat(decoded.values()).hasSize(v.length);
		for (int i = 0; i < v.length; i++) {
			assertThat(Double.doubleToRawLongBits(decoded.values()[i])).as("value %d", i)
				.isEqualTo(Double.doubleToRawLongBits(v[i]));
		}
	}

	@Provide
	Arbitrary<Samples> samples() {
		Arbitrary<Long> timestamp = Arbitraries.oneOf(Arbitraries.longs(),
				Arbitraries.longs().between(1_600_000_000_000L, 1_600_000_100_000L));
		Arbitrary<Double> value = Arbitraries.oneOf(Arbitraries.doubles(),
				Arbitraries.of(0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL / 7, Double.MAX_VALUE,
						-Double.MAX_VALUE, 1.0, 1.0),
				Arbitraries.longs().map(Double::longBitsToDouble), Arbitraries.integers().between(-5, 5).map(i -> i * 0.5));
		return Combinators.combine(timestamp.list().ofMaxSize(300), value.list().ofMaxSize(300))
			.as((ts, vs) -> toSamples(ts, vs));
	}

	@Provide
	Arbitrary<Samples> decimals() {
		Arbitrary<Long> step = Arbitraries.oneOf(Arbitraries.just(10_000L), Arbitraries.longs().between(-100_000, 100_000));
		Arbitrary<Double> value = Arbitraries.integers().between(-1_000_000, 1_000_000)
			.flatMap(i -> Arbitraries.integers().between(0, 9).map(scale -> i / Math.pow(10, scale)));
		return Combinators.combine(step.list().ofMaxSize(400), value.list().ofMaxSize(400)).as((steps, vs) -> {
			List<Long> ts = new java.util.ArrayList<>();
			long t = 1_700_000_000_000L;
			for (long s : steps) {
				t += s;
				ts.add(t);
			}
			return toSamples(ts, vs);
		});
	}

	private static Samples toSamples(List<Long> ts, List<Double> vs) {
		int n = Math.min(ts.size(), vs.size());
		long[] t = new long[n];
		double[] v = new double[n];
		for (int i = 0; i < n; i++) {
			t[i] = ts.get(i);
			v[i] = vs.get(i);
		}
		return new Samples(t, v);
	}

}
