package io.opsguard.servicelevel.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LevelResolverTests {

	private static long[] supports(long source, long target) {
		return new long[] { source, target };
	}

	@Test
	void aSupportSystemTakesTheHighestLevelAmongTheSystemsItSupports() {
		// 10 supports 1 (level 3) and 2 (level 1); its own grading says 4
		LevelResolver resolver = new LevelResolver(Map.of(1L, 3, 2L, 1, 10L, 4), Set.of(10L),
				List.of(supports(10, 1), supports(10, 2)));
		assertThat(resolver.resolve(10)).isEqualTo(new LevelResolver.Resolved(1, 2L, 2L));
		assertThat(resolver.resolve(1).level()).isEqualTo(3);
	}

	@Test
	void itsOwnGradingCanBeHigherButNeverLower() {
		LevelResolver higher = new LevelResolver(Map.of(1L, 3, 10L, 2), Set.of(10L), List.of(supports(10, 1)));
		assertThat(higher.resolve(10)).isEqualTo(new LevelResolver.Resolved(2, null, null));
		LevelResolver ungraded = new LevelResolver(Map.of(1L, 3), Set.of(10L), List.of(supports(10, 1)));
		assertThat(ungraded.resolve(10)).isEqualTo(new LevelResolver.Resolved(3, 1L, 1L));
	}

	@Test
	void chainsPassTheLevelOnAndNameTheOrigin() {
		// 30 supports 20 supports 1 (level 1)
		LevelResolver resolver = new LevelResolver(Map.of(1L, 1, 20L, 4, 30L, 5), Set.of(20L, 30L),
				List.of(supports(30, 20), supports(20, 1)));
		assertThat(resolver.resolve(30)).isEqualTo(new LevelResolver.Resolved(1, 20L, 1L));
		assertThat(resolver.resolve(20)).isEqualTo(new LevelResolver.Resolved(1, 1L, 1L));
	}

	@Test
	void diamondsTakeTheBestPath() {
		// 40 supports 20 and 21; both support 1 (level 2); 21 also supports 2 (level 1)
		Map<Long, Integer> graded = new HashMap<>(Map.of(1L, 2, 2L, 1));
		LevelResolver resolver = new LevelResolver(graded, Set.of(20L, 21L, 40L),
				List.of(supports(40, 20), supports(40, 21), supports(20, 1), supports(21, 1), supports(21, 2)));
		assertThat(resolver.resolve(40).level()).isEqualTo(1);
		assertThat(resolver.resolve(40).inheritedFrom()).isEqualTo(21L);
		assertThat(resolver.resolve(40).origin()).isEqualTo(2L);
		assertThat(resolver.resolve(20).level()).isEqualTo(2);
	}

	@Test
	void systemsThatAreNotSupportSystemsKeepTheirOwnLevel() {
		LevelResolver resolver = new LevelResolver(Map.of(1L, 1, 5L, 4), Set.of(), List.of(supports(5, 1)));
		assertThat(resolver.resolve(5)).isEqualTo(new LevelResolver.Resolved(4, null, null));
		assertThat(resolver.resolve(6)).isEqualTo(new LevelResolver.Resolved(null, null, null));
	}

	@Test
	void aCycleIsCutInsteadOfLoopingForever() {
		LevelResolver resolver = new LevelResolver(Map.of(1L, 2), Set.of(1L, 2L), List.of(supports(1, 2), supports(2, 1)));
		assertThat(resolver.resolve(2).level()).isEqualTo(2);
		assertThat(resolver.resolve(1).level()).isEqualTo(2);
	}

}
